import { engineForTests } from '../../helpers/engine';
import { describeAttacks } from './attempt';
import { connectionAttempts, readAttempts } from './table-reads';

const api = await engineForTests();

describeAttacks(api, 'sandbox attacks: reads that write or leak, and connection tricks', [...readAttempts, ...connectionAttempts]);
