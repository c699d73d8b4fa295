import { bilingual } from './bilingual';

export const historyPage = bilingual({ heading: 'historyPage' }, { heading: 'historyPage' });
