/** `renkei compare A.json B.json`: the table of differences and the compare/* findings. */
import { compareSnapshots } from '../core/compare';
import type { Lang } from '../core/model';
import { renderCompareMarkdown } from '../core/report/markdown';
import { renderCompareChatwork } from '../core/report/chatwork';
import type { CompareReport } from '../core/report/model';
import { renderCompareText } from '../core/report/text';
import type { Snapshot } from '../core/snapshot';
import { CliInputError } from './io';
import { hasError, loadInput, type OutputFormat } from './load';
import { msg } from './messages';
import type { CliIo } from './main';

export interface CompareArgs {
  a: string;
  b: string;
  format: OutputFormat;
  lang: Lang;
}

function loadSnapshot(file: string, lang: Lang): Snapshot {
  const input = loadInput(file, 0, lang, undefined);
  if (input.kind !== 'snapshot') throw new CliInputError(file, msg(lang, 'notSnapshot'));
  return input.snapshot;
}

export async function runCompare(args: CompareArgs, io: CliIo): Promise<number> {
  const a = loadSnapshot(args.a, args.lang);
  const b = loadSnapshot(args.b, args.lang);
  const result = compareSnapshots(a, b, { lang: args.lang });
  const side = (file: string, s: Snapshot) => ({ label: file, env: s.env, saltId: s.saltId });
  if (args.format === 'json') {
    const out = { a: { file: args.a, env: a.env, saltId: a.saltId }, b: { file: args.b, env: b.env, saltId: b.saltId }, ...result };
    io.stdout(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    const report: CompareReport = { ...result, lang: args.lang, a: side(args.a, a), b: side(args.b, b) };
    io.stdout(args.format === 'markdown' ? renderCompareMarkdown(report) : args.format === 'chatwork' ? renderCompareChatwork(report) : renderCompareText(report));
  }
  return hasError(result.findings) ? 1 : 0;
}
