import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.CTR_LEARN_HOME = mkdtempSync(join(tmpdir(), 'ctr-learn-test-'));
