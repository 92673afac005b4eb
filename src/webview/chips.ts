// Context chips: what the next message carries (selection, file, problems, mentioned files).
// A chip for a file matching tiered.privacy.neverSend says, visibly, that it is not sent.
import type { ChipKind, ContextChip } from '../shared/protocol';
import { button, h, icon } from './dom';

const CHIP_ICON: Record<ChipKind, string> = { selection: 'selection', file: 'file', problems: 'warning', mention: 'mention' };
const CHIP_KIND: Record<ChipKind, string> = { selection: 'Selection', file: 'File', problems: 'Problems', mention: 'Mentioned file' };

export function renderChip(chip: ContextChip, onRemove?: (chip: ContextChip) => void): HTMLElement {
  const excluded = chip.excludedReason !== undefined;
  const kind = chip.implicit ? (chip.kind === 'selection' ? 'Current selection' : 'Current file') : (CHIP_KIND[chip.kind] ?? 'Context');
  const name = `${kind}: ${chip.label}${excluded ? `, not sent to the cloud: ${chip.excludedReason}` : ''}`;
  const el = h('span', {
    class: `chip chip-${chip.kind}${excluded ? ' chip-excluded' : ''}${chip.implicit ? ' chip-implicit' : ''}`,
    role: 'group',
    'aria-label': name,
    title: excluded ? `Not sent to the cloud: ${chip.excludedReason}`
      : chip.implicit ? `${kind}, attached automatically — remove it to ask without it` : (chip.path ?? chip.label),
  },
  icon(excluded ? 'lock' : (CHIP_ICON[chip.kind] ?? 'file')),
  h('span', { class: 'chip-label' }, chip.label),
  excluded ? h('span', { class: 'chip-note' }, `not sent to cloud: ${chip.excludedReason}`) : undefined);
  if (onRemove) {
    el.append(button({ label: `Remove ${chip.label}`, icon: 'close', className: 'chip-remove icon-button' }, () => onRemove(chip)));
  }
  return el;
}

export function renderChips(chips: ContextChip[], onRemove: (chip: ContextChip) => void): HTMLElement[] {
  return chips.map((chip) => renderChip(chip, onRemove));
}
