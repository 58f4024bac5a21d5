import type { ColumnFilter } from '../../../src-main/contract';
import { takesValue, TEXT_OPS, textFilterOf, type TextOp } from './filters';
import { linkButton, QueryFilter } from './QueryFilter';
import { T } from './texts';

/** The filter of a text column: a condition (包含, 等于, 为空…) and the text it reads. */
export class TextFilter extends QueryFilter {
  private readonly op = document.createElement('select');
  private readonly input = document.createElement('input');

  protected build(): void {
    this.box.className = 'roster-filter';
    this.op.setAttribute('aria-label', T.filterCondition);
    for (const { op, label } of TEXT_OPS) this.op.append(new Option(label, op));
    this.input.type = 'text';
    this.input.setAttribute('aria-label', T.filterValue);
    this.input.placeholder = T.filterPlaceholder;
    this.op.addEventListener('change', () => this.apply());
    this.applyWhenTyped(this.input, () => this.apply());
    const actions = document.createElement('div');
    actions.className = 'roster-filter-actions';
    actions.append(
      linkButton(T.filterClear, () => {
        this.op.value = 'contains';
        this.clear();
      }),
    );
    this.box.append(this.op, this.input, actions);
  }

  protected draw(filter: ColumnFilter | null): void {
    // No filter keeps the condition chosen: 开头是 chosen before anything is typed filters nothing yet.
    if (filter?.kind === 'text') this.op.value = filter.op;
    this.input.value = filter?.kind === 'text' ? filter.value : '';
    this.input.disabled = !takesValue(this.op.value as TextOp);
  }

  private apply(): void {
    this.choose(textFilterOf(this.op.value as TextOp, this.input.value));
    this.draw(this.current());
  }
}
