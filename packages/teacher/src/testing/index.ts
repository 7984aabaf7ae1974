// @sparc-vqa/teacher/testing: test doubles for other packages' tests.
export { createFakeTeacher, fakeTeacherProbs } from './fake-teacher.js';
export type { FakeCausalFrames, FakeQueryInfo, FakeTeacher, FakeTeacherOptions } from './fake-teacher.js';
