/// <reference types="node" />
// tfjs IOHandlers over a local folder in the standard layout (model.json + weight shard files), so
// tf.loadLayersModel / tf.loadGraphModel / model.save work from disk without tfjs-node's file:// router.
import type * as tf from '@tensorflow/tfjs-core';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AdapterError } from '../errors.js';

interface ModelJson {
  modelTopology?: object;
  weightsManifest?: Array<{ paths: string[]; weights: tf.io.WeightsManifestEntry[] }>;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  signature?: object;
  userDefinedMetadata?: Record<string, object>;
  modelInitializer?: object;
  trainingConfig?: tf.io.TrainingConfig;
}

/** An IOHandler that loads `<dir>/model.json` and the weight files it lists. */
export function fileModelLoadHandler(dir: string): tf.io.IOHandler {
  return {
    async load(): Promise<tf.io.ModelArtifacts> {
      const file = path.join(dir, 'model.json');
      let json: ModelJson;
      try {
        json = JSON.parse(await readFile(file, 'utf8')) as ModelJson;
      } catch (error) {
        throw new AdapterError('fileModelLoadHandler', `cannot read ${file}: ${(error as Error).message}`, { cause: error });
      }
      const weightSpecs: tf.io.WeightsManifestEntry[] = [];
      const buffers: Uint8Array[] = [];
      for (const group of json.weightsManifest ?? []) {
        weightSpecs.push(...group.weights);
        for (const p of group.paths) buffers.push(new Uint8Array(await readFile(path.join(dir, p))));
      }
      const total = buffers.reduce((n, b) => n + b.length, 0);
      const weightData = new Uint8Array(total);
      let at = 0;
      for (const b of buffers) {
        weightData.set(b, at);
        at += b.length;
      }
      const artifacts: tf.io.ModelArtifacts = { weightSpecs, weightData: weightData.buffer };
      if (json.modelTopology) artifacts.modelTopology = json.modelTopology;
      if (json.format) artifacts.format = json.format;
      if (json.generatedBy) artifacts.generatedBy = json.generatedBy;
      if (json.convertedBy !== undefined) artifacts.convertedBy = json.convertedBy;
      if (json.signature) artifacts.signature = json.signature;
      if (json.userDefinedMetadata) artifacts.userDefinedMetadata = json.userDefinedMetadata;
      if (json.modelInitializer) artifacts.modelInitializer = json.modelInitializer;
      if (json.trainingConfig) artifacts.trainingConfig = json.trainingConfig;
      return artifacts;
    },
  };
}

/** An IOHandler that saves a model to `<dir>/model.json` + `<dir>/weights.bin` (for `model.save(handler)`). */
export function fileModelSaveHandler(dir: string): tf.io.IOHandler {
  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      await mkdir(dir, { recursive: true });
      const data = artifacts.weightData;
      const parts = data === undefined ? [] : Array.isArray(data) ? data : [data];
      const bytes = Buffer.concat(parts.map((b) => new Uint8Array(b)));
      const json: ModelJson = {
        modelTopology: artifacts.modelTopology ?? {},
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }],
        ...(artifacts.format ? { format: artifacts.format } : {}),
        ...(artifacts.generatedBy ? { generatedBy: artifacts.generatedBy } : {}),
        ...(artifacts.convertedBy !== undefined ? { convertedBy: artifacts.convertedBy } : {}),
        ...(artifacts.trainingConfig ? { trainingConfig: artifacts.trainingConfig } : {}),
        ...(artifacts.userDefinedMetadata ? { userDefinedMetadata: artifacts.userDefinedMetadata } : {}),
      };
      await writeFile(path.join(dir, 'weights.bin'), bytes);
      await writeFile(path.join(dir, 'model.json'), JSON.stringify(json));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: bytes.length } };
    },
  };
}
