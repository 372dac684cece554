import { engineForTests } from '../../helpers/engine';
import { describeAttacks } from './attempt';
import { bodyAttempts } from './table-bodies';
import { createOptionAttempts } from './table-create';

const api = await engineForTests();

describeAttacks(api, 'sandbox attacks: container create options and request bodies', [...createOptionAttempts, ...bodyAttempts]);
