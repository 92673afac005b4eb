// Context chips waiting for the next `send`: made from what the editor supplied, marked when
// their file matches tiered.privacy.neverSend (the chip then says why it stays on this machine).
import { isNeverSend } from '../refactor/neverSend';
import type { ContextChip } from '../../shared/protocol';
import type { ChipWithContent, ContextItem } from './types';

/** The reason a file never goes to the cloud, or undefined when it may. */
export function exclusionReason(path: string | undefined, globs: readonly string[]): string | undefined {
  if (!path) return undefined;
  const glob = globs.find((g) => g.trim() !== '' && isNeverSend(path, [g]));
  if (glob === undefined) return undefined;
  return `matches tiered.privacy.neverSend (${glob}): never sent to the cloud, only to the local model`;
}

export function makeChip(id: string, item: ContextItem, globs: readonly string[]): ChipWithContent {
  const excludedReason = exclusionReason(item.path, globs);
  return {
    id,
    kind: item.kind,
    label: item.label,
    content: item.content,
    ...(item.path ? { path: item.path } : {}),
    ...(item.language ? { language: item.language } : {}),
    ...(excludedReason ? { excludedReason } : {}),
  };
}

/** The chip as the webview sees it (no content). */
export function publicChip(c: ChipWithContent): ContextChip {
  const { content: _content, language: _language, ...chip } = c;
  return chip;
}

export class PendingChips {
  private chips: ChipWithContent[] = [];

  list(): ChipWithContent[] {
    return [...this.chips];
  }

  /** Adds a chip; an identical one (same kind, label and path) is replaced rather than doubled. */
  add(chip: ChipWithContent): void {
    this.chips = this.chips.filter((c) => !(c.kind === chip.kind && c.label === chip.label && c.path === chip.path));
    this.chips.push(chip);
  }

  remove(id: string): boolean {
    const before = this.chips.length;
    this.chips = this.chips.filter((c) => c.id !== id);
    return this.chips.length !== before;
  }

  /** Takes the chips named by `ids` (unknown ids ignored) and clears the list. */
  take(ids: readonly string[]): ChipWithContent[] {
    const wanted = new Set(ids);
    const taken = this.chips.filter((c) => wanted.has(c.id));
    this.chips = [];
    return taken;
  }

  /** Re-checks every chip after tiered.privacy.neverSend changed. */
  recheck(globs: readonly string[]): void {
    this.chips = this.chips.map((c) => {
      const excludedReason = exclusionReason(c.path, globs);
      const { excludedReason: _old, ...rest } = c;
      return excludedReason ? { ...rest, excludedReason } : rest;
    });
  }
}

/**
 * The editor's current file (or its selection), attached to the next message by default. The
 * user can remove it; it stays removed for that file until the editor moves to another one.
 */
export class ImplicitChip {
  private current?: ChipWithContent;
  private dismissedFor?: string;

  private static keyOf(item: { path?: string; label: string }): string {
    return item.path ?? item.label.replace(/:\d+-\d+$/, '');
  }

  /** The editor's context changed (another file, a selection, an edit); undefined: no editor. */
  set(id: string, item: ContextItem | undefined, globs: readonly string[]): void {
    if (!item) { this.current = undefined; return; }
    const key = ImplicitChip.keyOf(item);
    if (this.dismissedFor !== undefined && this.dismissedFor !== key) this.dismissedFor = undefined;
    this.current = { ...makeChip(this.current?.id ?? id, item, globs), implicit: true };
  }

  /** The chip to show, unless removed, or the same context is attached explicitly. */
  chip(explicit: readonly ChipWithContent[]): ChipWithContent | undefined {
    const c = this.current;
    if (!c || this.dismissedFor === ImplicitChip.keyOf(c)) return undefined;
    if (explicit.some((e) => e.path === c.path && (e.kind === 'file' || e.label === c.label))) return undefined;
    return c;
  }

  /** Removes it (for this file); false when `id` is not the implicit chip. */
  dismiss(id: string): boolean {
    if (!this.current || this.current.id !== id) return false;
    this.dismissedFor = ImplicitChip.keyOf(this.current);
    return true;
  }

  recheck(globs: readonly string[]): void {
    if (!this.current) return;
    const excludedReason = exclusionReason(this.current.path, globs);
    const { excludedReason: _old, ...rest } = this.current;
    this.current = excludedReason ? { ...rest, excludedReason } : rest;
  }
}
