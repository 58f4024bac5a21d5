import { describe, expect, it } from 'vitest';
import { ColumnQuery, nextSort, type QueryChange } from '../../../src-renderer/components/roster/columnQuery';
import { describeFilter, rangeFilterOf, textFilterOf } from '../../../src-renderer/components/roster/filters';

describe('a click on a roster column header', () => {
  it('sorts by that column alone: ascending, descending, then not at all', () => {
    // A column of a sort by several: the next direction, by it alone.
    expect(nextSort([{ column: 'name', desc: false }, { column: 'birthDate', desc: false }], 'birthDate', false)).toEqual([{ column: 'birthDate', desc: true }]);
    expect(nextSort([], 'name', false)).toEqual([{ column: 'name', desc: false }]);
    expect(nextSort([{ column: 'name', desc: false }], 'name', false)).toEqual([{ column: 'name', desc: true }]);
    expect(nextSort([{ column: 'name', desc: true }], 'name', false)).toEqual([]);
  });

  it('with Shift adds the column after the others, changes it in place, or takes it out', () => {
    const two = nextSort([{ column: 'name', desc: false }], 'birthDate', true);
    expect(two).toEqual([
      { column: 'name', desc: false },
      { column: 'birthDate', desc: false },
    ]);
    expect(nextSort(two, 'name', true)).toEqual([
      { column: 'name', desc: true },
      { column: 'birthDate', desc: false },
    ]);
    expect(nextSort([{ column: 'name', desc: true }, { column: 'birthDate', desc: false }], 'name', true)).toEqual([{ column: 'birthDate', desc: false }]);
  });

  it('adds no fifth column: the core sorts by four at most', () => {
    const four = ['a', 'b', 'c', 'd'].map((column) => ({ column, desc: false }));
    expect(nextSort(four, 'e', true)).toEqual(four);
  });
});

describe('a roster grid’s column query', () => {
  it('tells its listeners who changed it, and only when something changed', () => {
    const query = new ColumnQuery();
    const heard: QueryChange[] = [];
    const off = query.subscribe((change) => heard.push(change));
    query.sortBy('name', false);
    query.filterBy('gender', { kind: 'set', values: ['女'] });
    query.filterBy('gender', { kind: 'set', values: ['女'] });
    query.replace([{ column: 'birthDate', desc: true }], { personType: { kind: 'set', values: ['流动人口'] } });
    expect(heard).toEqual(['person', 'person', 'view']);
    expect(query.sort).toEqual([{ column: 'birthDate', desc: true }]);
    expect(query.filters).toEqual({ personType: { kind: 'set', values: ['流动人口'] } });
    expect(query.sortOf('birthDate')).toEqual({ desc: true, index: 0 });
    expect(query.sortOf('name')).toBeNull();
    query.filterBy('personType', null);
    expect(query.filters).toEqual({});
    off();
    query.sortBy('name', false);
    expect(heard).toHaveLength(4);
  });

  it('clears every filter at once and keeps the sort (清除筛选), telling its listeners once', () => {
    const query = new ColumnQuery();
    query.sortBy('name', false);
    query.filterBy('gender', { kind: 'set', values: ['女'] });
    query.filterBy('name', { kind: 'text', op: 'startsWith', value: '张' });
    const heard: QueryChange[] = [];
    query.subscribe((change) => heard.push(change));
    query.clearFilters();
    query.clearFilters();
    expect(heard).toEqual(['person']);
    expect(query.filters).toEqual({});
    expect(query.sort).toEqual([{ column: 'name', desc: false }]);
  });
});

describe('a column filter in words, on the roster’s status line', () => {
  it('names the operation and the value, the ticked values (three at most), or the range', () => {
    expect(describeFilter({ kind: 'text', op: 'startsWith', value: '张' })).toBe('开头是“张”');
    expect(describeFilter({ kind: 'text', op: 'notBlank', value: '' })).toBe('不为空');
    expect(describeFilter({ kind: 'set', values: ['流动人口', '境外人员'] })).toBe('流动人口、境外人员');
    expect(describeFilter({ kind: 'set', values: ['汉族', '回族', '蒙古族', '满族'] })).toBe('汉族、回族、蒙古族等 4 项');
    expect(describeFilter({ kind: 'range', from: '1980-01-01', to: '1989-12-31' })).toBe('1980-01-01 至 1989-12-31');
    expect(describeFilter({ kind: 'range', from: 3, to: 3 })).toBe('3');
    expect(describeFilter({ kind: 'range', from: 60, to: null })).toBe('≥ 60');
    expect(describeFilter({ kind: 'range', from: null, to: '2000-01-01' })).toBe('≤ 2000-01-01');
  });
});

describe('the text, number and date filters of a roster column', () => {
  it('filter nothing while their box is empty, and trim what is typed', () => {
    expect(textFilterOf('contains', '  ')).toBeNull();
    expect(textFilterOf('startsWith', ' 王 ')).toEqual({ kind: 'text', op: 'startsWith', value: '王' });
    expect(textFilterOf('blank', 'ignored')).toEqual({ kind: 'text', op: 'blank', value: '' });
  });

  it('read a range with either end open, swap ends given the wrong way round, and ignore what is not a number or a date', () => {
    expect(rangeFilterOf('number', '', '')).toBeNull();
    expect(rangeFilterOf('number', '3', '')).toEqual({ kind: 'range', from: 3, to: null });
    expect(rangeFilterOf('number', '10', '2')).toEqual({ kind: 'range', from: 2, to: 10 });
    expect(rangeFilterOf('number', 'abc', '')).toBeNull();
    expect(rangeFilterOf('date', '1990-01-01', '1980-06-30')).toEqual({ kind: 'range', from: '1980-06-30', to: '1990-01-01' });
    expect(rangeFilterOf('date', '', '2000-01-01')).toEqual({ kind: 'range', from: null, to: '2000-01-01' });
    expect(rangeFilterOf('date', '2000-1-1', '')).toBeNull();
  });
});
