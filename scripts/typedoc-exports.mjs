// TypeDoc plugin: every top-level export of every package needs a doc comment. TypeDoc's own
// `notDocumented` check can require functions only together with every method signature, so top-level
// functions are checked here; classes, interfaces, types and variables by `requiredToBeDocumented`.
import { Converter, ReflectionKind } from 'typedoc';

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => {
    for (const reflection of context.project.getReflectionsByKind(ReflectionKind.Function)) {
      if (!reflection.parent?.kindOf(ReflectionKind.Module | ReflectionKind.Project)) continue;
      const documented = reflection.comment || reflection.signatures?.some((s) => s.comment);
      if (!documented)
        app.logger.warn(
          `${reflection.getFullName()} (exported function), defined in ${reflection.sources?.[0]?.fileName ?? 'its package'}, does not have any documentation`,
        );
    }
  });
}
