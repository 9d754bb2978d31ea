import type { LoginState } from '@/utils/core/model';
import type { MessageKey } from '@/utils/ui/i18n';
import type { RequestKind } from '@/utils/ui/view-model';

// chrome's messages.json keys allow only [A-Za-z0-9_]: map the model's hyphenated values.
export const stateKey: Record<LoginState, MessageKey> = {
  'logged-in': 'state_loggedIn',
  'logged-out': 'state_loggedOut',
  unknown: 'state_unknown',
};

export const kindKey: Record<RequestKind, MessageKey> = {
  login: 'kind_login',
  'widget-script': 'kind_widgetScript',
  other: 'kind_other',
};
