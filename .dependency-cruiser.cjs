// The layer rule of DESIGN.md section 4, checked mechanically: dependencies point inward.
// domain imports nothing else in src; workflow imports only domain; connectors and store implement
// domain ports; http, queue and cli are entry points; only cli (the composition root) wires adapters.
// Tests and src/testing/ wire real pieces together, like a composition root.
const TESTS = '\\.test\\.ts$|^src/testing/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'domain-is-pure',
      comment: 'domain/ holds types, rules and ports: no imports from elsewhere in src/.',
      severity: 'error',
      from: { path: '^src/domain/', pathNot: TESTS },
      to: { path: '^src/(?!domain/)' },
    },
    {
      name: 'workflow-imports-domain-only',
      severity: 'error',
      from: { path: '^src/workflow/', pathNot: TESTS },
      to: { path: '^src/(?!domain/|workflow/)' },
    },
    {
      name: 'connectors-do-not-reach-across',
      comment: 'A connector implements a domain port; it does not know the workflow, store, http or queue.',
      severity: 'error',
      from: { path: '^src/connectors/', pathNot: TESTS },
      to: { path: '^src/(workflow|store|http|queue|cli)/' },
    },
    {
      name: 'store-implements-ports',
      severity: 'error',
      from: { path: '^src/store/', pathNot: TESTS },
      to: { path: '^src/(workflow|connectors|http|queue|cli)/' },
    },
    {
      name: 'http-calls-services',
      comment: 'http/ never touches SQL or connector internals.',
      severity: 'error',
      from: { path: '^src/http/', pathNot: TESTS },
      to: { path: '^src/(store|connectors)/' },
    },
    {
      name: 'services-use-ports',
      comment: 'services/ receive ports; they never import a concrete store, connector, queue driver or http.',
      severity: 'error',
      from: { path: '^src/services/', pathNot: TESTS },
      to: { path: '^src/(store|connectors|http|queue|cli)/' },
    },
    {
      name: 'queue-drivers-know-domain-only',
      severity: 'error',
      from: { path: '^src/queue/', pathNot: TESTS },
      to: { path: '^src/(?!domain/|queue/)' },
    },
    {
      name: 'only-cli-composes',
      severity: 'error',
      from: { path: '^src/(?!cli/)', pathNot: TESTS },
      to: { path: '^src/cli/' },
    },
    {
      name: 'no-test-code-in-production',
      severity: 'error',
      from: { path: '^src/', pathNot: '\\.test\\.ts$|^src/testing/' },
      to: { path: '\\.test\\.ts$|^test/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
