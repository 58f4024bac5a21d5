import type { IDoesFilterPassParams, IFilterComp, IFilterParams } from 'ag-grid-community';

interface SetModel {
  filterType: 'set';
  values: string[];
}

interface EnumFilterParams extends IFilterParams {
  values?: readonly string[];
}

/**
 * The filter of an enumeration column (性别, 人员类型, 是/否): tick the values to keep. AG Grid's
 * set filter is an Enterprise feature; this one only tells the grid a model, the core filters.
 * Plain DOM, as the roster grid is (see DomGrid).
 */
export class EnumFilter implements IFilterComp {
  private readonly box = document.createElement('div');
  private values: readonly string[] = [];
  private model: SetModel | null = null;
  private changed: () => void = () => undefined;

  init(params: EnumFilterParams): void {
    this.values = params.values ?? [];
    this.changed = () => params.filterChangedCallback();
    this.box.className = 'enum-filter';
    const actions = document.createElement('div');
    actions.className = 'enum-filter-actions';
    actions.append(this.action('全选', null), this.action('全不选', { filterType: 'set', values: [] }));
    this.box.append(actions);
    for (const value of this.values) {
      const label = document.createElement('label');
      label.className = 'enum-filter-option';
      const input = document.createElement('input');
      input.type = 'checkbox';
      input.value = value;
      input.addEventListener('change', () => this.toggle(value));
      label.append(input, value);
      this.box.append(label);
    }
    this.draw();
  }

  getGui(): HTMLElement {
    return this.box;
  }

  isFilterActive(): boolean {
    return this.model !== null;
  }

  /** The core filters the rows; the grid never holds them all. */
  doesFilterPass(_params: IDoesFilterPassParams): boolean {
    return true;
  }

  getModel(): SetModel | null {
    return this.model;
  }

  setModel(model: SetModel | null): void {
    this.model = model;
    this.draw();
  }

  private action(text: string, model: SetModel | null): HTMLButtonElement {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'link-button';
    button.textContent = text;
    button.addEventListener('click', () => this.choose(model));
    return button;
  }

  private toggle(value: string): void {
    const next = new Set(this.model?.values ?? this.values);
    if (next.has(value)) next.delete(value);
    else next.add(value);
    this.choose(next.size === this.values.length ? null : { filterType: 'set', values: this.values.filter((v) => next.has(v)) });
  }

  private choose(model: SetModel | null): void {
    this.setModel(model);
    this.changed();
  }

  /** Every value is ticked while there is no model. */
  private draw(): void {
    const chosen = new Set(this.model?.values ?? this.values);
    for (const input of this.box.querySelectorAll('input')) input.checked = chosen.has(input.value);
  }
}
