#!/usr/bin/env node
console.log('sparc: the runner is not wired yet; `sparc reproduce` will generate the synthetic benchmark, fine-tune the teacher, extract its probabilities, train the baseline and SpARC, and print the comparison.');
