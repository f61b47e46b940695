// `sales-agent check-secrets [--json] [--strict]`: every connector setting as present, missing or
// invalid (secrets only as a redacted preview), then one cheap read per configured system.
// Exit 1 when a setting is invalid or a configured system fails; with --strict also when a system
// is not configured at all (the demo workspace would stand in). Exit 0 otherwise.
import type { ConfigResult } from '../../config/config.js';
import { loadConfig } from '../../config/config.js';
import type { SettingInfo } from '../../config/setting-catalog.js';
import { CONNECTOR_SETTINGS, redactSecret, redactUrl } from '../../config/setting-catalog.js';
import { resolveLiveCredentials } from '../live-credentials.js';
import type { ProbeResult } from './probe-systems.js';
import { probeSystems } from './probe-systems.js';
import type { CommandIo } from './run-command.js';

export interface SettingReport {
  name: string;
  system: SettingInfo['system'];
  status: 'present' | 'missing' | 'invalid';
  /** The value, or its redacted preview for a secret; null when missing. */
  shown: string | null;
  /** The default that applies when missing, or what is wrong when invalid. */
  note: string | null;
}

export interface CheckSecretsReport {
  ok: boolean;
  strict: boolean;
  settings: SettingReport[];
  systems: ProbeResult[];
  /** Why the exit code is non-zero. */
  failures: string[];
}

export async function checkSecretsCommand(
  options: { json?: boolean; strict?: boolean },
  io: CommandIo,
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  const report = await checkSecrets(env, options.strict === true);
  io.stdout(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
  return report.ok ? 0 : 1;
}

export async function checkSecrets(env: Record<string, string | undefined>, strict: boolean): Promise<CheckSecretsReport> {
  const loaded = loadConfig(env);
  const failures: string[] = [];
  let systems: ProbeResult[] = [];
  let credentialProblems: string[] = [];
  if (loaded.ok) {
    const credentials = await resolveLiveCredentials(loaded.config);
    credentialProblems = credentials.problems;
    systems = await probeSystems(credentials);
  } else {
    failures.push(...loaded.problems.map((p) => `invalid setting ${p}`));
  }
  const settings = CONNECTOR_SETTINGS.map((info) => reportSetting(info, env, loaded, credentialProblems));
  failures.push(...credentialProblems);
  for (const s of systems) {
    if (s.status === 'failed') failures.push(`${s.system}: ${s.detail}`);
    if (strict && s.status === 'not configured') failures.push(`${s.system} is not configured (--strict)`);
  }
  return { ok: failures.length === 0, strict, settings, systems, failures };
}

function reportSetting(info: SettingInfo, env: Record<string, string | undefined>, loaded: ConfigResult, credentialProblems: string[]): SettingReport {
  const raw = env[info.name]?.trim() ?? '';
  const problems = [
    ...(loaded.ok ? [] : loaded.problems.filter((p) => p.startsWith(`${info.name}:`)).map((p) => p.slice(info.name.length + 1).trim())),
    ...credentialProblems.filter((p) => p.startsWith(`${info.name} `) || p.startsWith(`${info.name}:`)),
  ];
  if (raw === '') {
    const note = problems[0] ?? (info.defaultValue === null ? null : `default: ${info.defaultValue}`);
    return { name: info.name, system: info.system, status: problems.length > 0 ? 'invalid' : 'missing', shown: null, note };
  }
  const shown = info.secret ? (/^[a-z]+:\/\//i.test(raw) ? redactUrl(raw) : redactSecret(raw)) : shorten(raw);
  return { name: info.name, system: info.system, status: problems.length > 0 ? 'invalid' : 'present', shown, note: problems.join('; ') || null };
}

function shorten(value: string): string {
  return value.length > 80 ? `${value.slice(0, 77)}...` : value;
}

function formatReport(report: CheckSecretsReport): string {
  const width = Math.max(...report.settings.map((s) => s.name.length));
  const lines = ['Settings'];
  for (const s of report.settings) {
    const detail = [s.shown, s.note === null ? null : `(${s.note})`].filter((x) => x !== null).join(' ');
    lines.push(`  ${s.name.padEnd(width)}  ${s.status.padEnd(7)}  ${detail}`.trimEnd());
  }
  lines.push('', 'Systems');
  if (report.systems.length === 0) lines.push('  not probed: the configuration is invalid');
  for (const s of report.systems) {
    const probe = s.probe === '' ? '' : `${s.probe}: `;
    lines.push(`  ${s.system.padEnd(12)}  ${s.status.padEnd(14)}  ${probe}${s.detail}`);
  }
  lines.push('');
  if (report.ok) lines.push(`OK${report.strict ? ' (--strict)' : ''}`);
  else lines.push(`FAILED${report.strict ? ' (--strict)' : ''}:`, ...report.failures.map((f) => `  - ${f}`));
  return `${lines.join('\n')}\n`;
}
