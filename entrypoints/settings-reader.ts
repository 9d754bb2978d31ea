/**
 * The settings page reader: an unlisted script (no content script, nothing runs in pages until
 * asked). The popup injects it into the open tab with `scripting.executeScript({files})` when the
 * operator opens it; the script's value — the page as the operator sees it now, bounded — is what
 * executeScript returns. See utils/ext/checklist-messages.ts.
 */
import { readSettingsPage } from '@/utils/ext/settings-reader';

export default defineUnlistedScript(() => readSettingsPage(document, location.href));
