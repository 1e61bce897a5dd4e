/**
 * A BuildContext for running the video format outside `luat-studio build`:
 * the tests' one builder (tests/helpers/buildContext.ts) under the names the
 * video tests use. `TestShared` is the build's own BuildResources.
 */
export { BuildResources as TestShared } from '../../engine/build/build.js';
export { testBuildContext as testContext, type TestBuildContext as TestContext } from '../helpers/buildContext.js';
