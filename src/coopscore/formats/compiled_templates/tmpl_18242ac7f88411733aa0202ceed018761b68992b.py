from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_style.css'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    pass
    yield '/* One style sheet, inline in every page: system fonts only, nothing fetched. */\n:root { color-scheme: light; }\n* { box-sizing: border-box; }\nhtml { font-size: 15px; }\nbody {\n  margin: 0 auto; max-width: 62rem; padding: 1.5rem 1.25rem 3rem;\n  font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC",\n    "PingFang SC", "Microsoft YaHei", "Helvetica Neue", Arial, sans-serif;\n  line-height: 1.5; color: #111; background: #fff;\n}\nh1 { font-size: 1.7rem; line-height: 1.25; margin: 0.4rem 0 0.8rem; }\nh2 { font-size: 1.3rem; margin: 2rem 0 0.6rem; padding-bottom: 0.2rem; border-bottom: 2px solid #111; }\nh3 { font-size: 1.1rem; margin: 1.4rem 0 0.4rem; }\nh4 { font-size: 1rem; margin: 1rem 0 0.3rem; }\np, ul, ol, dl { margin: 0.4rem 0 0.8rem; }\ncode { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Noto Sans Mono", monospace;\n  font-size: 0.88em; }\na { color: #1a3d8f; }\ntable { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; font-size: 0.9rem; }\nth, td { border: 1px solid #888; padding: 0.25rem 0.45rem; text-align: left; vertical-align: top; }\nthead th { background: #eee; border-bottom: 2px solid #111; }\ncaption { caption-side: top; text-align: left; font-weight: 600; padding: 0.2rem 0; }\nul.evidence { list-style: square; }\nfigure.chart { margin: 0.8rem 0 1rem; }\nfigure.chart figcaption { font-size: 0.85rem; color: #333; }\nsvg.chart { display: block; max-width: 100%; height: auto; }\nsvg.chart text { font-family: inherit; font-size: 12px; fill: #111; }\nsvg.chart text.tick { font-size: 10px; fill: #333; }\nsvg.chart .whisker { stroke: #000; stroke-width: 1.6; }\nsvg.chart .grid { stroke: #d4d4d4; stroke-width: 1; }\nsvg.chart .axis { stroke: #333; stroke-width: 1; }\n\n@page { size: A4; margin: 16mm 14mm 18mm; }\n@media print {\n  html { font-size: 10.5pt; }\n  body { max-width: none; padding: 0; }\n  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }\n  a { color: #000; text-decoration: underline; }\n  th, td { border-color: #000; }\n  thead th { background: #e6e6e6; }\n}\n'

blocks = {}
debug_info = ''