import { bilingual } from './bilingual';

export const mirrorsPage = bilingual({ heading: 'mirrorsPage' }, { heading: 'mirrorsPage' });
