import { bilingual } from './bilingual';

export const overview = bilingual({ heading: 'overview' }, { heading: 'overview' });
