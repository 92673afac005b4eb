// Files that run code, or decide what runs, when the user opens the folder, commits, installs or
// pushes: editor settings and tasks, CI pipelines, git hooks, package scripts, direnv, the dev
// container. A model's edit of one (a prompt-injected answer's favourite target) never applies
// silently: the plan is still validated like any other, but it is listed apart with the reason,
// starts unselected, and needs its own explicit confirmation. A scripted run (no preview) never
// applies it.
import { planTexts } from './apply';
import type { FilePlan } from './types';

const RULES: [RegExp, string][] = [
  [/^(?:.*\/)?\.vscode\//i, 'VS Code settings, tasks and launch configurations can run commands and redirect extensions'],
  [/^(?:.*\/)?[^/]*\.code-workspace$/i, 'a workspace file carries settings and tasks that can run commands'],
  [/^(?:.*\/)?\.github\/(?:workflows|actions)\//i, 'CI workflows run with the repository\'s secrets'],
  [/^(?:.*\/)?(?:\.gitlab-ci\.ya?ml|\.travis\.ya?ml|azure-pipelines\.ya?ml|bitbucket-pipelines\.ya?ml|Jenkinsfile|\.drone\.ya?ml|appveyor\.ya?ml|cloudbuild\.ya?ml)$/i, 'CI pipelines run with the repository\'s secrets'],
  [/^(?:.*\/)?(?:\.circleci|\.buildkite|\.gitlab)\//i, 'CI pipelines run with the repository\'s secrets'],
  [/^(?:.*\/)?(?:\.husky|\.githooks|\.git-hooks)\//i, 'git hooks run on every commit or push'],
  [/^(?:.*\/)?(?:lefthook\.ya?ml|\.lefthook\.ya?ml|\.pre-commit-config\.ya?ml|\.pre-commit-hooks\.ya?ml|\.lintstagedrc[^/]*|lint-staged\.config\.[cm]?js|\.simple-git-hooks[^/]*)$/i, 'git hook managers run commands on commit'],
  [/^(?:.*\/)?\.gitattributes$/i, 'git attributes can name filters that run commands'],
  [/^(?:.*\/)?(?:\.npmrc|\.yarnrc|\.yarnrc\.yml|\.pnpmfile\.cjs|bunfig\.toml)$/i, 'package-manager settings decide the registry and what runs on install'],
  [/^(?:.*\/)?\.envrc$/i, 'direnv runs this file when you enter the folder'],
  [/^(?:.*\/)?\.devcontainer\//i, 'dev container settings run commands when the container starts'],
  [/^(?:.*\/)?\.idea\//i, 'IDE run configurations can run commands'],
];

/** package.json fields whose values are commands something runs for you. */
const PACKAGE_COMMAND_FIELDS = ['scripts', 'bin', 'husky', 'simple-git-hooks', 'lint-staged', 'pre-commit', 'gitHooks', 'config'];

/** Why a change of `path` needs its own confirmation, or undefined. `before`/`after` let package.json count only when a command field changes. */
export function sensitiveReason(path: string, before?: string, after?: string): string | undefined {
  const p = path.replace(/\\/g, '/');
  for (const [re, why] of RULES) if (re.test(p)) return why;
  if (/^(?:.*\/)?package\.json$/i.test(p)) {
    const fields = changedFields(before, after);
    if (fields === undefined) return 'package.json could not be read as JSON, so its scripts may change';
    if (fields.length) return `the change touches package.json ${fields.map((f) => `"${f}"`).join(', ')}, which run commands`;
  }
  return undefined;
}

function changedFields(before: string | undefined, after: string | undefined): string[] | undefined {
  const parse = (t: string | undefined): Record<string, unknown> | undefined | null => {
    if (t === undefined) return {};
    try {
      const v = JSON.parse(t) as unknown;
      return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  };
  const a = parse(before);
  const b = parse(after);
  if (!a || !b) return undefined;
  return PACKAGE_COMMAND_FIELDS.filter((f) => JSON.stringify(a[f]) !== JSON.stringify(b[f]));
}

export interface SensitivePlan {
  plan: FilePlan;
  reason: string;
}

/** Splits validated plans into the ones that can apply after the usual preview and the ones that need their own confirmation. */
export function splitSensitive(plans: readonly FilePlan[]): { ordinary: FilePlan[]; sensitive: SensitivePlan[] } {
  const ordinary: FilePlan[] = [];
  const sensitive: SensitivePlan[] = [];
  for (const plan of plans) {
    const { before, after } = planTexts(plan);
    const reason = sensitiveReason(plan.path, plan.kind === 'create' ? undefined : before, after);
    if (reason) sensitive.push({ plan, reason });
    else ordinary.push(plan);
  }
  return { ordinary, sensitive };
}
