// React Query hooks over the API: one key per resource, so a live event can invalidate exactly the
// screens it affects. Mutations invalidate what they change.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query } from './client.js';
import type {
  AuditPage, Draft, DraftList, DraftState, FailureGroup, RunDetail, RunList, RunRecord, SampleDraft,
  SessionState, SettingsResult, TenantSettings, VoiceProfile,
} from './types.js';

export const keys = {
  session: ['session'] as const,
  runs: ['runs'] as const,
  run: (id: string) => ['run', id] as const,
  drafts: ['drafts'] as const,
  errors: ['errors'] as const,
  settings: ['settings'] as const,
  audit: ['audit'] as const,
};

export function useSession() {
  return useQuery({ queryKey: keys.session, queryFn: () => api<SessionState>('GET', '/api/auth/session'), staleTime: 60_000 });
}

export interface RunFilters { status: string; from: string; to: string; q: string }

export function useRuns(filters: RunFilters) {
  return useInfiniteQuery({
    queryKey: [...keys.runs, filters],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => api<RunList>('GET', `/api/runs${query({ ...filters, limit: 50, cursor: pageParam })}`),
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useRun(id: string) {
  return useQuery({ queryKey: keys.run(id), queryFn: () => api<RunDetail>('GET', `/api/runs/${encodeURIComponent(id)}`) });
}

export function useDrafts(state: DraftState) {
  return useInfiniteQuery({
    queryKey: [...keys.drafts, state],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => api<DraftList>('GET', `/api/drafts${query({ state, limit: 50, cursor: pageParam })}`),
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useFailures() {
  return useQuery({ queryKey: keys.errors, queryFn: () => api<{ groups: FailureGroup[] }>('GET', '/api/errors') });
}

export function useSettings(enabled = true) {
  return useQuery({ queryKey: keys.settings, queryFn: () => api<SettingsResult>('GET', '/api/settings'), enabled });
}

export interface AuditFilters { actor: string; action: string; runId: string; from: string; to: string }

export function useAudit(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: [...keys.audit, filters],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => api<AuditPage>('GET', `/api/audit${query({ ...filters, limit: 50, cursor: pageParam })}`),
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** After any change: the lists and details that might show it. */
function useInvalidateAll() {
  const client = useQueryClient();
  return () => Promise.all([keys.runs, keys.drafts, keys.errors, keys.audit, ['run']].map((queryKey) => client.invalidateQueries({ queryKey })));
}

export function useRetryRun() {
  const invalidate = useInvalidateAll();
  return useMutation({ mutationFn: (id: string) => api<{ run: RunRecord }>('POST', `/api/runs/${encodeURIComponent(id)}/retry`), onSettled: invalidate });
}

export type DraftAction = { kind: 'approve' | 'send'; id: string } | { kind: 'reject'; id: string; reason: string } | { kind: 'edit'; id: string; subject: string; body: string };

export function runDraftAction(action: DraftAction): Promise<{ draft: Draft }> {
  const path = `/api/drafts/${encodeURIComponent(action.id)}`;
  switch (action.kind) {
    case 'edit':
      return api('PATCH', path, { subject: action.subject, body: action.body });
    case 'reject':
      return api('POST', `${path}/reject`, { reason: action.reason });
    default:
      return api('POST', `${path}/${action.kind}`);
  }
}

export function useDraftAction() {
  const invalidate = useInvalidateAll();
  return useMutation({ mutationFn: runDraftAction, onSettled: invalidate });
}

export function useSaveSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { settings: TenantSettings; version: number }) => api<SettingsResult>('PUT', '/api/settings', input),
    onSuccess: (result) => client.setQueryData(keys.settings, result),
    onSettled: () => client.invalidateQueries({ queryKey: keys.audit }),
  });
}

export function useSetMode() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { mode: 'DRAFT_ONLY' | 'SEND'; confirmation?: string; reason?: string }) => api<SettingsResult>('POST', '/api/settings/mode', input),
    onSuccess: (result) => client.setQueryData(keys.settings, result),
    onSettled: () => client.invalidateQueries({ queryKey: keys.audit }),
  });
}

export function fetchSampleDraft(voice: VoiceProfile): Promise<SampleDraft> {
  return api<SampleDraft>('POST', '/api/settings/sample-draft', { voice });
}
