import type { CustomFilterProps } from 'ag-grid-react';
import { useGridFilter } from 'ag-grid-react';
import { useCallback } from 'react';

export interface SetModel {
  filterType: 'set';
  values: string[];
}

interface EnumFilterParams {
  values: readonly string[];
}

/**
 * The filter of an enumeration column (性别, 人员类型, 是/否): tick the values to keep. AG Grid's
 * set filter is an Enterprise feature; this one only tells the grid a model, the core filters.
 */
export function EnumFilter(props: CustomFilterProps<unknown, unknown, SetModel> & Partial<EnumFilterParams>) {
  const { model, onModelChange } = props;
  const values = props.values ?? [];
  const doesFilterPass = useCallback(() => true, []);
  useGridFilter({ doesFilterPass });
  const chosen = new Set(model?.values ?? values);

  const toggle = (value: string): void => {
    const next = new Set(chosen);
    if (next.has(value)) next.delete(value);
    else next.add(value);
    onModelChange(next.size === values.length ? null : { filterType: 'set', values: values.filter((v) => next.has(v)) });
  };

  return (
    <div className="enum-filter">
      <div className="enum-filter-actions">
        <button type="button" className="link-button" onClick={() => onModelChange(null)}>
          全选
        </button>
        <button type="button" className="link-button" onClick={() => onModelChange({ filterType: 'set', values: [] })}>
          全不选
        </button>
      </div>
      {values.map((v) => (
        <label key={v} className="enum-filter-option">
          <input type="checkbox" checked={chosen.has(v)} onChange={() => toggle(v)} />
          {v}
        </label>
      ))}
    </div>
  );
}
