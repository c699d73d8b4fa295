import { bilingual } from './bilingual';

export const settingsPage = bilingual({ heading: 'settingsPage' }, { heading: 'settingsPage' });
