import { useState } from 'react';
import type { SavedView, ViewState } from '../../../src-main/contract';
import { api } from '../../api/client';
import { Popover } from '../Popover';
import { showToast } from '../Toasts';
import { T } from './texts';

interface ViewsMenuProps {
  views: SavedView[];
  page: string;
  active: string | null;
  capture: () => ViewState;
  onApply: (view: SavedView) => void;
  onSaved: (view: SavedView) => void;
}

/** Named views of a roster page: filters, columns (shown, frozen, widths, order), sort, search, scope. */
export function ViewsMenu({ views, page, active, capture, onApply, onSaved }: ViewsMenuProps) {
  const [name, setName] = useState('');

  const save = async (close: () => void): Promise<void> => {
    const result = await api.call('views.save', { page, name: name.trim(), state: capture() });
    if (!result.ok) {
      showToast('error', result.error.message);
      return;
    }
    setName('');
    close();
    onSaved(result.value);
    showToast('info', T.viewSaved(result.value.name));
  };

  const remove = async (view: SavedView): Promise<void> => {
    const result = await api.call('views.remove', { page, name: view.name });
    showToast(result.ok ? 'info' : 'error', result.ok ? T.viewRemoved(view.name) : result.error.message);
  };

  return (
    <Popover label={active ? `${T.views}：${active}` : T.views}>
      {(close) => (
        <div className="views-menu">
          {views.length === 0 && <div className="views-empty">{T.viewsNone}</div>}
          {views.map((v) => (
            <div key={v.name} className={v.name === active ? 'views-item active' : 'views-item'}>
              <button
                type="button"
                className="views-apply"
                onClick={() => {
                  onApply(v);
                  close();
                }}
              >
                {v.name}
              </button>
              <button type="button" className="views-remove" aria-label={T.viewRemove(v.name)} title={T.viewRemove(v.name)} onClick={() => void remove(v)}>
                ×
              </button>
            </div>
          ))}
          <form
            className="views-save"
            onSubmit={(e) => {
              e.preventDefault();
              void save(close);
            }}
          >
            <input aria-label={T.viewSave} placeholder={T.viewNamePlaceholder} value={name} maxLength={40} onChange={(e) => setName(e.target.value)} />
            <button type="submit" className="primary" disabled={name.trim() === ''}>
              {T.viewSave.replace('…', '')}
            </button>
          </form>
        </div>
      )}
    </Popover>
  );
}
