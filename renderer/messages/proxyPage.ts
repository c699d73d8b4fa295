import { bilingual } from './bilingual';

export const proxyPage = bilingual({ heading: 'proxyPage' }, { heading: 'proxyPage' });
