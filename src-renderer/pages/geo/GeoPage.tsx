import { useMemo, useState } from 'react';
import type { ColDef } from 'ag-grid-community';
import type { CommunityRow, GridRow } from '../../../src-main/contract';
import { useCall } from '../../api/useCall';
import { DataGrid } from '../../components/DataGrid';
import { ErrorBanner } from '../../components/Feedback';

const numberCol = { type: 'rightAligned', filter: 'agNumberColumnFilter', width: 110 } as const;

const communityColumns: ColDef<CommunityRow>[] = [
  { field: 'code', headerName: '社区编码', width: 150, pinned: 'left' },
  { field: 'name', headerName: '社区名称', minWidth: 130, flex: 1 },
  { field: 'kind', headerName: '类型', width: 100 },
  { field: 'gridCount', headerName: '网格数', ...numberCol },
  { field: 'dedicatedGridCount', headerName: '专属网格', ...numberCol },
  { field: 'buildingCount', headerName: '楼栋数', ...numberCol },
  { field: 'householdCount', headerName: '户数', ...numberCol },
  { field: 'residentCount', headerName: '实有人口', ...numberCol },
];

const gridColumns: ColDef<GridRow>[] = [
  { field: 'code', headerName: '网格编码', width: 170, pinned: 'left' },
  { field: 'name', headerName: '网格名称', minWidth: 190, flex: 1 },
  { field: 'communityName', headerName: '所属社区', width: 120 },
  { field: 'kind', headerName: '网格类型', width: 130 },
  { field: 'dedicatedKind', headerName: '专属类别', width: 110, valueFormatter: (p) => p.value ?? '' },
  { field: 'buildingCount', headerName: '楼栋数', ...numberCol },
  { field: 'householdCount', headerName: '户数', ...numberCol },
  { field: 'residentCount', headerName: '实有人口', ...numberCol },
  { colId: 'hasBoundary', headerName: '边界', width: 90, valueGetter: (p) => (p.data?.hasBoundary ? '已标绘' : '未标绘') },
];

export function GeoPage() {
  const [communityCode, setCommunityCode] = useState<string | null>(null);
  const communities = useCall('geo.communities', {});
  const grids = useCall('geo.grids', communityCode ? { communityCode } : {});
  const selected = useMemo(() => communities.data?.find((c) => c.code === communityCode) ?? null, [communities.data, communityCode]);

  return (
    <section className="page page-fill">
      <div className="page-head">
        <h1>网格/社区</h1>
        <p className="page-lead">点击社区查看其网格；户数、人口均由楼栋与房屋台账实时统计。</p>
      </div>
      <ErrorBanner error={communities.error ?? grids.error} />
      <div className="panel panel-communities">
        <div className="panel-head">
          <h2>社区（{communities.data?.length ?? 0}）</h2>
        </div>
        <DataGrid<CommunityRow>
          ariaLabel="社区列表"
          rows={communities.data}
          columns={communityColumns}
          rowId={(row) => row.code}
          selectedId={communityCode}
          onRowClicked={(row) => setCommunityCode(row.code === communityCode ? null : row.code)}
        />
      </div>
      <div className="panel panel-grow">
        <div className="panel-head">
          <h2>
            {selected ? `${selected.name}的网格` : '全部网格'}（{grids.data?.length ?? 0}）
          </h2>
          {selected && (
            <button type="button" className="link-button" onClick={() => setCommunityCode(null)}>
              显示全部网格
            </button>
          )}
        </div>
        <DataGrid<GridRow> ariaLabel="网格列表" rows={grids.data} columns={gridColumns} rowId={(row) => row.code} />
      </div>
    </section>
  );
}
