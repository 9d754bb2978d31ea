/**
 * Live checks (optional, on the operator's request) with the vendors' official APIs. Credentials
 * are passed per call and never stored or logged; results carry masked values only.
 */
export { runLineLiveCheck, issueStatelessToken, validateLineCredentials, LINE_API_BASE, type LineCredentials, type LineLiveResult, type LineLiveOptions } from './line';
export { runChatworkLiveCheck, CHATWORK_API_BASE, type ChatworkLiveResult, type ChatworkRoomCheck } from './chatwork';
export { runZendeskLiveCheck, zendeskBaseUrl, type ZendeskLiveResult } from './zendesk';
export { lineLiveItems, lineLiveEvals, chatworkLiveEvals, zendeskLiveEvals, luxlinerLiveItems } from './items';
export { explainLiveError, type Explained } from './explain';
export { LiveError, type LiveErrorInfo, type LiveErrorKind, type LiveOptions, type LiveService } from './http';
export { WindowBudget, sharedBudget, CHATWORK_LIMIT, type Budget } from './budget';
export { runLiveForChecklist, type LiveRequest, type LiveContext } from './run';
