/**
 * The panel's UI state (zustand): which tab is shown, the filters, the imported HAR and the
 * notice line. One store per panel instance, so tests and two panels never share state.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Session } from '../core/model';
import type { MessageKey } from './i18n';

export type PanelTab = 'tags' | 'network' | 'findings' | 'timeline' | 'compare';
export const PANEL_TABS: PanelTab[] = ['tags', 'network', 'findings', 'timeline', 'compare'];

export interface Notice {
  kind: 'info' | 'error';
  key: MessageKey;
  subs?: Record<string, string | number>;
  detail?: string;
}

export interface PanelState {
  tab: PanelTab;
  networkFilter: string;
  findingsFilter: string;
  /** a HAR file being shown instead of the live tab */
  imported?: { name: string; session: Session };
  notice?: Notice;
  /** document line to bring into view on the Tags tab (jump from a finding's evidence) */
  focus?: { pageIndex: number; line: number };
  setTab(tab: PanelTab): void;
  setNetworkFilter(q: string): void;
  setFindingsFilter(q: string): void;
  setImported(imported: PanelState['imported']): void;
  setNotice(notice: Notice | undefined): void;
  focusSource(pageIndex: number, line: number): void;
}

export type PanelStore = StoreApi<PanelState>;

export function createPanelStore(initial: Partial<Pick<PanelState, 'tab'>> = {}): PanelStore {
  return createStore<PanelState>()((set) => ({
    tab: initial.tab ?? 'findings',
    networkFilter: '',
    findingsFilter: '',
    // a tab chosen by the user ends a jump: the Tags tab does not take the focus again
    setTab: (tab) => set({ tab, focus: undefined }),
    setNetworkFilter: (networkFilter) => set({ networkFilter }),
    setFindingsFilter: (findingsFilter) => set({ findingsFilter }),
    setImported: (imported) => set({ imported }),
    setNotice: (notice) => set({ notice }),
    focusSource: (pageIndex, line) => set({ tab: 'tags', focus: { pageIndex, line } }),
  }));
}
