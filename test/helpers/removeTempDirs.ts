import { afterAll } from 'vitest';
import { removeTempDirs } from './tempDirs';

// A setup file: runs in every test file, so each removes what it made once its tests are done.
afterAll(removeTempDirs);
