// The model's FIM template as the scheduler needs it: given outright, or loaded once the model is
// known (the loader runs again after a reset: another model, endpoint or settings).
import type { FimTemplate } from '../providers/local/fimTemplates';

export class TemplateSource {
  private template?: FimTemplate;
  private loading?: Promise<FimTemplate>;

  constructor(private readonly source: FimTemplate | (() => Promise<FimTemplate>)) {
    if (typeof source !== 'function') this.template = source;
  }

  /** The template when it is known already (no await on the keystroke path). */
  get current(): FimTemplate | undefined { return this.template; }

  load(): Promise<FimTemplate> {
    if (this.template) return Promise.resolve(this.template);
    const load = this.source;
    if (typeof load !== 'function') return Promise.resolve(load);
    this.loading ??= load().then(
      (template) => { this.template = template; return template; },
      (error: unknown) => { this.loading = undefined; throw error; },
    );
    return this.loading;
  }

  set(template: FimTemplate): void {
    this.template = template;
    this.loading = undefined;
  }

  /** Forget a loaded template (the loader runs again on the next request). */
  reset(): void {
    if (typeof this.source === 'function') this.template = undefined;
    this.loading = undefined;
  }
}
