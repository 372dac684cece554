import { engineForTests } from '../../helpers/engine';
import { describeAttacks } from './attempt';
import { pathAttempts } from './table-paths';

const api = await engineForTests();

describeAttacks(api, 'sandbox attacks: paths, routes and queries', pathAttempts);
