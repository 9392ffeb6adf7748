from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'document.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_html_lang = resolve('html_lang')
    l_0_version = resolve('version')
    l_0_title = resolve('title')
    l_0_groups = resolve('groups')
    l_0_b = missing
    try:
        t_1 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    pass
    l_0_b = context.vars['b'] = environment.get_template('_blocks.html', 'document.html').make_module(context.get_all(), True, {'b': l_0_b})
    context.exported_vars.discard('b')
    yield '<!DOCTYPE html>\n<html lang="'
    yield escape(environment.finalize((undefined(name='html_lang') if l_0_html_lang is missing else l_0_html_lang)))
    yield '">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="generator" content="coopscore '
    yield escape(environment.finalize((undefined(name='version') if l_0_version is missing else l_0_version)))
    yield '">\n<title>'
    yield escape(environment.finalize((undefined(name='title') if l_0_title is missing else l_0_title)))
    yield '</title>\n<style>\n'
    template = environment.get_template('_style.css', 'document.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'b': l_0_b}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    template = environment.get_template('_document.css', 'document.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'b': l_0_b}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    yield '</style>\n</head>\n<body>\n<main>\n'
    for l_1_group in (undefined(name='groups') if l_0_groups is missing else l_0_groups):
        _loop_vars = {}
        pass
        if (t_1(l_1_group) > 1):
            pass
            yield '<div class="keep">\n'
            for l_2_item in l_1_group:
                _loop_vars = {}
                pass
                yield escape(environment.finalize(context.call(environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'block'), l_2_item, _loop_vars=_loop_vars)))
                yield '\n'
            l_2_item = missing
            yield '</div>\n'
        else:
            pass
            yield escape(environment.finalize(context.call(environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'block'), environment.getitem(l_1_group, 0), _loop_vars=_loop_vars)))
            yield '\n'
    l_1_group = missing
    yield '</main>\n</body>\n</html>\n'

blocks = {}
debug_info = '2=22&4=25&8=27&9=29&11=31&12=37&17=44&18=47&20=50&21=53&25=59'