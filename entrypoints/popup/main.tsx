import { createRoot } from 'react-dom/client';
createRoot(document.getElementById('root')!).render(<p>連携ドクター</p>);
