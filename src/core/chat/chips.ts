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
