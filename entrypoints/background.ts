import { startBackground } from '@/utils/ext/background';

export default defineBackground(() => {
  startBackground();
});
