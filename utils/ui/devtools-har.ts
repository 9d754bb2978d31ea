/**
 * When the panel is hosted in DevTools it can read what DevTools itself recorded, even where the
 * user withheld the extension's site access: the Network panel's HAR (`devtools.network.getHAR`,
 * with the `/login` payloads) and the documents' source (`inspectedWindow.getResources`). The
 * documents are put into the HAR so it reads exactly like a HAR file saved from DevTools.
 * The API object is passed in, so this runs against a double in tests.
 */
export interface DevtoolsResource {
  url: string;
  type: string;
  getContent(callback: (content: string, encoding: string) => void): void;
}

export interface DevtoolsCaptureApi {
  network: { getHAR(): Promise<unknown> };
  inspectedWindow: { getResources(): Promise<DevtoolsResource[]> };
}

const MAX_DOCUMENTS = 20;
const MAX_DOCUMENT_CHARS = 8 * 1024 * 1024;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function content(resource: DevtoolsResource, timeoutMs: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), timeoutMs);
    try {
      resource.getContent((text, encoding) => {
        clearTimeout(timer);
        resolve(typeof text === 'string' && encoding !== 'base64' && text.length <= MAX_DOCUMENT_CHARS ? text : undefined);
      });
    } catch {
      clearTimeout(timer);
      resolve(undefined);
    }
  });
}

export async function devtoolsHar(api: DevtoolsCaptureApi, timeoutMs = 5000): Promise<unknown> {
  const raw = await api.network.getHAR();
  // getHAR gives the HAR `log` itself
  const log: Obj = isObj(raw) && isObj(raw.log) ? raw.log : isObj(raw) ? raw : {};
  const entries: unknown[] = Array.isArray(log.entries) ? [...log.entries] : [];
  const resources = (await api.inspectedWindow.getResources()).filter((r) => r.type === 'document').slice(0, MAX_DOCUMENTS);
  const documents = new Map<string, string>();
  for (const r of resources) {
    const text = await content(r, timeoutMs);
    if (text !== undefined) documents.set(r.url, text);
  }
  const seen = new Set<string>();
  const patched = entries.map((e) => {
    if (!isObj(e) || !isObj(e.request) || !isObj(e.response)) return e;
    const url = typeof e.request.url === 'string' ? e.request.url : '';
    const html = documents.get(url);
    const resourceType = e._resourceType;
    if (html === undefined || (resourceType !== undefined && resourceType !== 'document')) return e;
    seen.add(url);
    const c = isObj(e.response.content) ? e.response.content : {};
    if (typeof c.text === 'string' && c.text.length > 0) return e;
    return { ...e, response: { ...e.response, content: { ...c, mimeType: 'text/html', text: html } } };
  });
  // DevTools opened after the page loaded: its document is not in the HAR; put it first
  const first = entries.find((e) => isObj(e) && typeof e.startedDateTime === 'string') as Obj | undefined;
  const start = first ? String(first.startedDateTime) : new Date().toISOString();
  const missing = [...documents].filter(([url]) => !seen.has(url));
  const synthetic = missing.map(([url, text]) => ({
    startedDateTime: start,
    time: 0,
    _resourceType: 'document',
    request: { method: 'GET', url, headers: [] },
    response: { status: 200, headers: [], content: { mimeType: 'text/html', text } },
  }));
  return { log: { ...log, version: log.version ?? '1.2', entries: [...synthetic, ...patched] } };
}
