import { bilingual } from './bilingual';

export const wizard = bilingual({ heading: 'wizard' }, { heading: 'wizard' });
