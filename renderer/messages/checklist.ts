import { bilingual } from './bilingual';

export const checklist = bilingual({ heading: 'checklist' }, { heading: 'checklist' });
