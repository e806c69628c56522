/** Import boundaries of docs/architecture.md (DESIGN §3): each layer imports only what the table allows. */
const layer = (name) => `^src/${name}/`;
const forbid = (from, allowed) => ({
  name: `${from}-imports-only-${allowed.join('-')}`,
  severity: 'error',
  from: { path: layer(from) },
  to: {
    path: '^src/',
    pathNot: [layer(from), ...allowed.map(layer)],
  },
});

module.exports = {
  forbidden: [
    forbid('contracts', []),
    forbid('domain', ['contracts']),
    forbid('ports', ['domain', 'contracts']),
    forbid('pipeline', ['domain', 'ports', 'contracts']),
    forbid('services', ['domain', 'ports', 'contracts']),
    forbid('adapters', ['ports', 'domain', 'contracts', 'observability']),
    forbid('http', ['services', 'contracts']),
    {
      name: 'core-imports-no-sdks',
      comment: 'domain, pipeline and services stay free of SDKs and I/O libraries',
      severity: 'error',
      from: { path: '^src/(domain|pipeline|services|contracts|ports)/' },
      to: {
        dependencyTypes: ['npm', 'npm-dev'],
        pathNot: ['node_modules/zod/'],
      },
    },
    {
      name: 'domain-is-pure',
      comment: 'domain logic does no I/O: no Node built-ins either',
      severity: 'error',
      from: { path: '^src/(domain|contracts)/' },
      to: { dependencyTypes: ['core'] },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
