// @sparc-vqa/teacher/onnx: an ImageQATeacher over an ONNX model (onnxruntime-node, optional peer).
export { createOnnxTeacher } from './onnx-teacher.js';
export type { OnnxTeacherOptions } from './onnx-teacher.js';
