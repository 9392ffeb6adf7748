from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_blocks.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_inline = l_0_heading = l_0_paragraph = l_0_note = l_0_bullets = l_0_table = l_0_facts = l_0_chart = l_0_line_chart = l_0_block = missing
    try:
        t_1 = environment.filters['fold']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'fold' found.")
    try:
        t_2 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_3 = environment.filters['px']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'px' found.")
    try:
        t_4 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    def macro(l_1_spans, l_1_path):
        t_5 = []
        if l_1_spans is missing:
            l_1_spans = undefined("parameter 'spans' was not provided", name='spans')
        if l_1_path is missing:
            l_1_path = False
        pass
        for l_2_s in l_1_spans:
            l_2_href = resolve('href')
            l_2_url = missing
            _loop_vars = {}
            pass
            l_2_url = context.call((undefined(name='href') if l_2_href is missing else l_2_href), l_2_s, _loop_vars=_loop_vars)
            _loop_vars['url'] = l_2_url
            if (not t_4((undefined(name='url') if l_2_url is missing else l_2_url))):
                pass
                t_5.extend((
                    '<a href="',
                    escape(environment.finalize((undefined(name='url') if l_2_url is missing else l_2_url))),
                    '" rel="noopener noreferrer">',
                    escape(environment.finalize((t_1(environment.getattr(l_2_s, 'text')) if l_1_path else environment.getattr(l_2_s, 'text')))),
                    '</a>',
                ))
            elif (environment.getattr(l_2_s, 'mark') == 'code'):
                pass
                t_5.extend((
                    '<code>',
                    escape(environment.finalize(t_1(environment.getattr(l_2_s, 'text')))),
                    '</code>',
                ))
            elif (environment.getattr(l_2_s, 'mark') == 'strong'):
                pass
                t_5.extend((
                    '<strong>',
                    escape(environment.finalize((t_1(environment.getattr(l_2_s, 'text')) if l_1_path else environment.getattr(l_2_s, 'text')))),
                    '</strong>',
                ))
            elif (environment.getattr(l_2_s, 'mark') in ('high', 'bad')):
                pass
                t_5.extend((
                    '<strong class="mark-',
                    escape(environment.finalize(environment.getattr(l_2_s, 'mark'))),
                    '">',
                    escape(environment.finalize((t_1(environment.getattr(l_2_s, 'text')) if l_1_path else environment.getattr(l_2_s, 'text')))),
                    '</strong>',
                ))
            elif (environment.getattr(l_2_s, 'mark') in ('dim', 'medium', 'low', 'good')):
                pass
                t_5.extend((
                    '<span class="mark-',
                    escape(environment.finalize(environment.getattr(l_2_s, 'mark'))),
                    '">',
                    escape(environment.finalize((t_1(environment.getattr(l_2_s, 'text')) if l_1_path else environment.getattr(l_2_s, 'text')))),
                    '</span>',
                ))
            else:
                pass
                t_5.append(
                    escape(environment.finalize((t_1(environment.getattr(l_2_s, 'text')) if l_1_path else environment.getattr(l_2_s, 'text')))),
                )
        l_2_s = l_2_href = l_2_url = missing
        return concat(t_5)
    context.exported_vars.add('inline')
    context.vars['inline'] = l_0_inline = Macro(environment, macro, 'inline', ('spans', 'path'), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_item):
        t_6 = []
        if l_1_item is missing:
            l_1_item = undefined("parameter 'item' was not provided", name='item')
        pass
        t_6.extend((
            '<h',
            escape(environment.finalize(environment.getattr(l_1_item, 'level'))),
        ))
        if environment.getattr(l_1_item, 'id'):
            pass
            t_6.extend((
                ' id="',
                escape(environment.finalize(environment.getattr(l_1_item, 'id'))),
                '"',
            ))
        t_6.extend((
            '>',
            escape(environment.finalize(context.call((undefined(name='inline') if l_0_inline is missing else l_0_inline), environment.getattr(environment.getattr(l_1_item, 'block'), 'text')))),
            '</h',
            escape(environment.finalize(environment.getattr(l_1_item, 'level'))),
            '>',
        ))
        return concat(t_6)
    context.exported_vars.add('heading')
    context.vars['heading'] = l_0_heading = Macro(environment, macro, 'heading', ('item',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_item):
        t_7 = []
        if l_1_item is missing:
            l_1_item = undefined("parameter 'item' was not provided", name='item')
        pass
        t_7.append(
            '<p',
        )
        if environment.getattr(environment.getattr(l_1_item, 'block'), 'indent'):
            pass
            t_7.extend((
                ' class="indent-',
                escape(environment.finalize(environment.getattr(environment.getattr(l_1_item, 'block'), 'indent'))),
                '"',
            ))
        t_7.extend((
            '>',
            escape(environment.finalize(context.call((undefined(name='inline') if l_0_inline is missing else l_0_inline), environment.getattr(environment.getattr(l_1_item, 'block'), 'text')))),
            '</p>',
        ))
        return concat(t_7)
    context.exported_vars.add('paragraph')
    context.vars['paragraph'] = l_0_paragraph = Macro(environment, macro, 'paragraph', ('item',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_item):
        t_8 = []
        if l_1_item is missing:
            l_1_item = undefined("parameter 'item' was not provided", name='item')
        pass
        t_8.extend((
            '<p class="note">',
            escape(environment.finalize(context.call((undefined(name='inline') if l_0_inline is missing else l_0_inline), environment.getattr(environment.getattr(l_1_item, 'block'), 'text')))),
            '</p>',
        ))
        return concat(t_8)
    context.exported_vars.add('note')
    context.vars['note'] = l_0_note = Macro(environment, macro, 'note', ('item',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_item):
        t_9 = []
        if l_1_item is missing:
            l_1_item = undefined("parameter 'item' was not provided", name='item')
        pass
        t_9.append(
            '<ul',
        )
        if environment.getattr(environment.getattr(l_1_item, 'block'), 'indent'):
            pass
            t_9.extend((
                ' class="indent-',
                escape(environment.finalize(environment.getattr(environment.getattr(l_1_item, 'block'), 'indent'))),
                '"',
            ))
        t_9.append(
            '>\n',
        )
        for l_2_text in environment.getattr(environment.getattr(l_1_item, 'block'), 'items'):
            _loop_vars = {}
            pass
            t_9.extend((
                '<li>',
                escape(environment.finalize(context.call((undefined(name='inline') if l_0_inline is missing else l_0_inline), l_2_text, _loop_vars=_loop_vars))),
                '</li>\n',
            ))
        l_2_text = missing
        t_9.append(
            '</ul>',
        )
        return concat(t_9)
    context.exported_vars.add('bullets')
    context.vars['bullets'] = l_0_bullets = Macro(environment, macro, 'bullets', ('item',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_item):
        t_10 = []
        if l_1_item is missing:
            l_1_item = undefined("parameter 'item' was not provided", name='item')
        pass
        t_10.append(
            '<div class="table',
        )
        if (t_2(environment.getattr(environment.getattr(l_1_item, 'block'), 'rows')) <= 12):
            pass
            t_10.append(
                ' short',
            )
        t_10.append(
            '">\n<table>\n',
        )
        if environment.getattr(environment.getattr(l_1_item, 'block'), 'title'):
            pass
            t_10.append(
                '<caption',
            )
            if environment.getattr(l_1_item, 'repeats'):
                pass
                t_10.append(
                    ' class="repeats"',
                )
            t_10.extend((
                '>',
                escape(environment.finalize(environment.getattr(environment.getattr(l_1_item, 'block'), 'title'))),
                '</caption>\n',
            ))
        t_10.append(
            '<thead>\n<tr>\n',
        )
        for l_2_c in environment.getattr(environment.getattr(l_1_item, 'block'), 'columns'):
            _loop_vars = {}
            pass
            t_10.extend((
                '<th scope="col" class="',
                escape(environment.finalize(environment.getattr(l_2_c, 'role'))),
                '">',
                escape(environment.finalize(environment.getattr(l_2_c, 'title'))),
                '</th>\n',
            ))
        l_2_c = missing
        t_10.append(
            '</tr>\n</thead>\n<tbody>\n',
        )
        l_2_loop = missing
        for l_2_row, l_2_loop in LoopContext(environment.getattr(environment.getattr(l_1_item, 'block'), 'rows'), undefined):
            _loop_vars = {}
            pass
            t_10.append(
                '<tr>\n',
            )
            l_3_loop = missing
            for l_3_c, l_3_loop in LoopContext(l_2_row, undefined):
                l_3_role = missing
                _loop_vars = {}
                pass
                l_3_role = environment.getattr(environment.getitem(environment.getattr(environment.getattr(l_1_item, 'block'), 'columns'), environment.getattr(l_3_loop, 'index0')), 'role')
                _loop_vars['role'] = l_3_role
                if environment.getattr(l_3_loop, 'first'):
                    pass
                    t_10.extend((
                        '<th scope="row" class="',
                        escape(environment.finalize((undefined(name='role') if l_3_role is missing else l_3_role))),
                        '">',
                        escape(environment.finalize(context.call((undefined(name='inline') if l_0_inline is missing else l_0_inline), l_3_c, ((undefined(name='role') if l_3_role is missing else l_3_role) == 'path'), _loop_vars=_loop_vars))),
                        '</th>\n',
                    ))
                else:
                    pass
                    t_10.extend((
                        '<td class="',
                        escape(environment.finalize((undefined(name='role') if l_3_role is missing else l_3_role))),
                        '" data-label="',
                        escape(environment.finalize(environment.getattr(environment.getitem(environment.getattr(environment.getattr(l_1_item, 'block'), 'columns'), environment.getattr(l_3_loop, 'index0')), 'title'))),
                        '">',
                        escape(environment.finalize(context.call((undefined(name='inline') if l_0_inline is missing else l_0_inline), l_3_c, ((undefined(name='role') if l_3_role is missing else l_3_role) == 'path'), _loop_vars=_loop_vars))),
                        '</td>\n',
                    ))
            l_3_loop = l_3_c = l_3_role = missing
            t_10.append(
                '</tr>\n',
            )
        l_2_loop = l_2_row = missing
        t_10.append(
            '</tbody>\n</table>\n</div>',
        )
        return concat(t_10)
    context.exported_vars.add('table')
    context.vars['table'] = l_0_table = Macro(environment, macro, 'table', ('item',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_item):
        t_11 = []
        if l_1_item is missing:
            l_1_item = undefined("parameter 'item' was not provided", name='item')
        pass
        t_11.append(
            '<ul class="evidence">\n',
        )
        for l_2_f in environment.getattr(l_1_item, 'facts'):
            _loop_vars = {}
            pass
            t_11.append(
                '<li>',
            )
            if environment.getattr(environment.getattr(l_2_f, 'fact'), 'subject'):
                pass
                t_11.extend((
                    '<span class="subject">',
                    escape(environment.finalize(environment.getattr(environment.getattr(l_2_f, 'fact'), 'subject'))),
                    '</span> — ',
                ))
            t_11.extend((
                escape(environment.finalize(environment.getattr(environment.getattr(l_2_f, 'fact'), 'fact'))),
                ' <span class="where">(',
                escape(environment.finalize(environment.getattr(environment.getattr(l_2_f, 'fact'), 'where'))),
            ))
            if environment.getattr(environment.getattr(l_2_f, 'fact'), 'path'):
                pass
                t_11.extend((
                    ', <code>',
                    escape(environment.finalize(t_1(environment.getattr(environment.getattr(l_2_f, 'fact'), 'path')))),
                    '</code>',
                ))
            t_11.append(
                ')</span>\n',
            )
            if environment.getattr(l_2_f, 'quoted'):
                pass
                t_11.extend((
                    '<br><span class="quote"><span class="line-no">',
                    escape(environment.finalize(environment.getattr(environment.getattr(l_2_f, 'fact'), 'line'))),
                    '</span> <code>',
                    escape(environment.finalize(environment.getattr(environment.getattr(l_2_f, 'fact'), 'quote'))),
                    '</code></span>\n',
                ))
            t_11.append(
                '</li>\n',
            )
        l_2_f = missing
        t_11.append(
            '</ul>',
        )
        return concat(t_11)
    context.exported_vars.add('facts')
    context.vars['facts'] = l_0_facts = Macro(environment, macro, 'facts', ('item',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_item):
        t_12 = []
        l_1_c = missing
        if l_1_item is missing:
            l_1_item = undefined("parameter 'item' was not provided", name='item')
        pass
        l_1_c = environment.getattr(l_1_item, 'chart')
        t_12.extend((
            '<figure class="chart bars" id="',
            escape(environment.finalize(environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'id'))),
            '">\n',
        ))
        if environment.getattr(environment.getattr(l_1_item, 'block'), 'title'):
            pass
            t_12.extend((
                '<figcaption class="title">',
                escape(environment.finalize(environment.getattr(environment.getattr(l_1_item, 'block'), 'title'))),
                '</figcaption>\n',
            ))
        t_12.extend((
            '<svg class="chart" role="img" viewBox="0 0 ',
            escape(environment.finalize(t_3(environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'width')))),
            ' ',
            escape(environment.finalize(t_3(environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'height')))),
            '" width="',
            escape(environment.finalize(t_3(environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'width')))),
            '" height="',
            escape(environment.finalize(t_3(environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'height')))),
            '" aria-labelledby="',
            escape(environment.finalize(environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'id'))),
            '-title">\n<title id="',
            escape(environment.finalize(environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'id'))),
            '-title">',
            escape(environment.finalize(environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'description'))),
            '</title>\n',
        ))
        for l_2_tick in environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'ticks'):
            _loop_vars = {}
            pass
            t_12.extend((
                '<line class="grid" x1="',
                escape(environment.finalize(t_3(environment.getattr(l_2_tick, 'x')))),
                '" y1="',
                escape(environment.finalize(t_3(environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'top')))),
                '" x2="',
                escape(environment.finalize(t_3(environment.getattr(l_2_tick, 'x')))),
                '" y2="',
                escape(environment.finalize(t_3(environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'bottom')))),
                '"></line>\n<text class="tick" x="',
                escape(environment.finalize(t_3(environment.getattr(l_2_tick, 'x')))),
                '" y="',
                escape(environment.finalize(t_3((environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'bottom') + 14)))),
                '" text-anchor="middle">',
                escape(environment.finalize(environment.getattr(l_2_tick, 'text'))),
                '</text>\n',
            ))
        l_2_tick = missing
        l_2_loop = missing
        for l_2_r, l_2_loop in LoopContext(environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'rows'), undefined):
            _loop_vars = {}
            pass
            t_12.append(
                '<g class="row',
            )
            if environment.getattr(l_2_r, 'thin'):
                pass
                t_12.append(
                    ' thin',
                )
            t_12.extend((
                '">\n<title>',
                escape(environment.finalize(environment.getattr(l_2_r, 'title'))),
                '</title>\n',
            ))
            l_3_loop = missing
            for l_3_line, l_3_loop in LoopContext(environment.getattr(l_2_r, 'label_lines'), undefined):
                _loop_vars = {}
                pass
                t_12.extend((
                    '<text class="label" x="',
                    escape(environment.finalize(t_3((environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'plot_left') - 8)))),
                    '" y="',
                    escape(environment.finalize(t_3((environment.getattr(l_2_r, 'label_y') + (environment.getattr(l_3_loop, 'index0') * environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'line_height')))))),
                    '" text-anchor="end">',
                    escape(environment.finalize(l_3_line)),
                    '</text>\n',
                ))
            l_3_loop = l_3_line = missing
            t_12.extend((
                '<rect class="track" x="',
                escape(environment.finalize(t_3(environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'plot_left')))),
                '" y="',
                escape(environment.finalize(t_3(environment.getattr(l_2_r, 'bar_y')))),
                '" width="',
                escape(environment.finalize(t_3(environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'plot_width')))),
                '" height="',
                escape(environment.finalize(t_3(environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'bar')))),
                '"></rect>\n',
            ))
            for l_3_part in environment.getattr(l_2_r, 'parts'):
                _loop_vars = {}
                pass
                t_12.extend((
                    '<rect class="',
                    escape(environment.finalize(environment.getattr(l_3_part, 'kind'))),
                    '" x="',
                    escape(environment.finalize(t_3(environment.getattr(l_3_part, 'x')))),
                    '" y="',
                    escape(environment.finalize(t_3(environment.getattr(l_2_r, 'bar_y')))),
                    '" width="',
                    escape(environment.finalize(t_3(environment.getattr(l_3_part, 'width')))),
                    '" height="',
                    escape(environment.finalize(t_3(environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'bar')))),
                    '"></rect>\n',
                ))
            l_3_part = missing
            if environment.getattr(l_2_r, 'whisker'):
                pass
                t_12.extend((
                    '<line class="whisker" x1="',
                    escape(environment.finalize(t_3(environment.getitem(environment.getattr(l_2_r, 'whisker'), 0)))),
                    '" y1="',
                    escape(environment.finalize(t_3(environment.getattr(l_2_r, 'middle')))),
                    '" x2="',
                    escape(environment.finalize(t_3(environment.getitem(environment.getattr(l_2_r, 'whisker'), 1)))),
                    '" y2="',
                    escape(environment.finalize(t_3(environment.getattr(l_2_r, 'middle')))),
                    '"></line>\n<line class="whisker" x1="',
                    escape(environment.finalize(t_3(environment.getitem(environment.getattr(l_2_r, 'whisker'), 0)))),
                    '" y1="',
                    escape(environment.finalize(t_3((environment.getattr(l_2_r, 'middle') - 5)))),
                    '" x2="',
                    escape(environment.finalize(t_3(environment.getitem(environment.getattr(l_2_r, 'whisker'), 0)))),
                    '" y2="',
                    escape(environment.finalize(t_3((environment.getattr(l_2_r, 'middle') + 5)))),
                    '"></line>\n<line class="whisker" x1="',
                    escape(environment.finalize(t_3(environment.getitem(environment.getattr(l_2_r, 'whisker'), 1)))),
                    '" y1="',
                    escape(environment.finalize(t_3((environment.getattr(l_2_r, 'middle') - 5)))),
                    '" x2="',
                    escape(environment.finalize(t_3(environment.getitem(environment.getattr(l_2_r, 'whisker'), 1)))),
                    '" y2="',
                    escape(environment.finalize(t_3((environment.getattr(l_2_r, 'middle') + 5)))),
                    '"></line>\n',
                ))
            if (not t_4(environment.getattr(l_2_r, 'point'))):
                pass
                t_12.extend((
                    '<line class="point" x1="',
                    escape(environment.finalize(t_3(environment.getattr(l_2_r, 'point')))),
                    '" y1="',
                    escape(environment.finalize(t_3((environment.getattr(l_2_r, 'bar_y') - 3)))),
                    '" x2="',
                    escape(environment.finalize(t_3(environment.getattr(l_2_r, 'point')))),
                    '" y2="',
                    escape(environment.finalize(t_3(((environment.getattr(l_2_r, 'bar_y') + environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'bar')) + 3)))),
                    '"></line>\n',
                ))
            t_12.extend((
                '<text class="value" x="',
                escape(environment.finalize(t_3(((environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'plot_left') + environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'plot_width')) + 8)))),
                '" y="',
                escape(environment.finalize(t_3((environment.getattr(l_2_r, 'middle') + 4)))),
                '">',
                escape(environment.finalize(environment.getattr(l_2_r, 'value'))),
                '</text>\n</g>\n',
            ))
        l_2_loop = l_2_r = missing
        t_12.append(
            '</svg>\n<table class="legend">\n<tbody>\n',
        )
        for l_2_r in environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'rows'):
            _loop_vars = {}
            pass
            t_12.extend((
                '<tr><th scope="row" class="code">',
                escape(environment.finalize(environment.getattr(l_2_r, 'label'))),
                '</th><td class="name">',
                escape(environment.finalize(environment.getattr(l_2_r, 'name'))),
                '</td><td class="bounds">',
                escape(environment.finalize(environment.getattr(l_2_r, 'value'))),
                '</td></tr>\n',
            ))
        l_2_r = missing
        t_12.append(
            '</tbody>\n</table>\n',
        )
        if environment.getattr(environment.getattr(l_1_item, 'block'), 'legend'):
            pass
            t_12.extend((
                '<p class="legend">',
                escape(environment.finalize(environment.getattr(environment.getattr(l_1_item, 'block'), 'legend'))),
                '</p>\n',
            ))
        t_12.append(
            '</figure>',
        )
        return concat(t_12)
    context.exported_vars.add('chart')
    context.vars['chart'] = l_0_chart = Macro(environment, macro, 'chart', ('item',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_item):
        t_13 = []
        l_1_c = missing
        if l_1_item is missing:
            l_1_item = undefined("parameter 'item' was not provided", name='item')
        pass
        l_1_c = environment.getattr(l_1_item, 'chart')
        t_13.extend((
            '<figure class="chart lines" id="',
            escape(environment.finalize(environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'id'))),
            '">\n',
        ))
        if environment.getattr(environment.getattr(l_1_item, 'block'), 'title'):
            pass
            t_13.extend((
                '<figcaption class="title">',
                escape(environment.finalize(environment.getattr(environment.getattr(l_1_item, 'block'), 'title'))),
                '</figcaption>\n',
            ))
        if environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'series'):
            pass
            t_13.extend((
                '<svg class="chart" role="img" viewBox="0 0 ',
                escape(environment.finalize(t_3(environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'width')))),
                ' ',
                escape(environment.finalize(t_3(environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'height')))),
                '" width="',
                escape(environment.finalize(t_3(environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'width')))),
                '" height="',
                escape(environment.finalize(t_3(environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'height')))),
                '" aria-labelledby="',
                escape(environment.finalize(environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'id'))),
                '-title">\n<title id="',
                escape(environment.finalize(environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'id'))),
                '-title">',
                escape(environment.finalize(environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'description'))),
                '</title>\n',
            ))
            for l_2_tick in environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'y_ticks'):
                _loop_vars = {}
                pass
                t_13.extend((
                    '<line class="grid" x1="',
                    escape(environment.finalize(t_3(environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'left')))),
                    '" y1="',
                    escape(environment.finalize(t_3(environment.getattr(l_2_tick, 'y')))),
                    '" x2="',
                    escape(environment.finalize(t_3(environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'right')))),
                    '" y2="',
                    escape(environment.finalize(t_3(environment.getattr(l_2_tick, 'y')))),
                    '"></line>\n<text class="tick" x="',
                    escape(environment.finalize(t_3((environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'left') - 6)))),
                    '" y="',
                    escape(environment.finalize(t_3((environment.getattr(l_2_tick, 'y') + 4)))),
                    '" text-anchor="end">',
                    escape(environment.finalize(environment.getattr(l_2_tick, 'text'))),
                    '</text>\n',
                ))
            l_2_tick = missing
            for l_2_tick in environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'x_ticks'):
                _loop_vars = {}
                pass
                t_13.extend((
                    '<text class="tick" x="',
                    escape(environment.finalize(t_3(environment.getattr(l_2_tick, 'x')))),
                    '" y="',
                    escape(environment.finalize(t_3((environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'bottom') + 16)))),
                    '" text-anchor="middle">',
                    escape(environment.finalize(environment.getattr(l_2_tick, 'text'))),
                    '</text>\n',
                ))
            l_2_tick = missing
            t_13.extend((
                '<line class="axis" x1="',
                escape(environment.finalize(t_3(environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'left')))),
                '" y1="',
                escape(environment.finalize(t_3(environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'bottom')))),
                '" x2="',
                escape(environment.finalize(t_3(environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'right')))),
                '" y2="',
                escape(environment.finalize(t_3(environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'bottom')))),
                '"></line>\n',
            ))
            for l_2_s in environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'series'):
                _loop_vars = {}
                pass
                t_13.extend((
                    '<g class="series series-',
                    escape(environment.finalize(environment.getattr(l_2_s, 'style'))),
                    '">\n<title>',
                    escape(environment.finalize(environment.getattr(l_2_s, 'label'))),
                    '</title>\n',
                ))
                for l_3_band in environment.getattr(l_2_s, 'bands'):
                    _loop_vars = {}
                    pass
                    t_13.extend((
                        '<polygon class="band" points="',
                        escape(environment.finalize(l_3_band)),
                        '"></polygon>\n',
                    ))
                l_3_band = missing
                for l_3_path in environment.getattr(l_2_s, 'paths'):
                    _loop_vars = {}
                    pass
                    t_13.extend((
                        '<polyline class="line" points="',
                        escape(environment.finalize(l_3_path)),
                        '"></polyline>\n',
                    ))
                l_3_path = missing
                for l_3_p in environment.getattr(l_2_s, 'dots'):
                    _loop_vars = {}
                    pass
                    t_13.append(
                        '<circle class="dot',
                    )
                    if environment.getitem(l_3_p, 2):
                        pass
                        t_13.append(
                            ' thin',
                        )
                    t_13.extend((
                        '" cx="',
                        escape(environment.finalize(t_3(environment.getitem(l_3_p, 0)))),
                        '" cy="',
                        escape(environment.finalize(t_3(environment.getitem(l_3_p, 1)))),
                        '" r="3"></circle>\n',
                    ))
                l_3_p = missing
                t_13.append(
                    '</g>\n',
                )
            l_2_s = missing
            t_13.append(
                '</svg>\n',
            )
            if (t_2(environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'series')) > 1):
                pass
                t_13.append(
                    '<ul class="series-key">\n',
                )
                for l_2_s in environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'series'):
                    _loop_vars = {}
                    pass
                    t_13.extend((
                        '<li><svg class="swatch" viewBox="0 0 24 10" width="24" height="10" aria-hidden="true"><g class="series series-',
                        escape(environment.finalize(environment.getattr(l_2_s, 'style'))),
                        '"><line class="line" x1="0" y1="5" x2="24" y2="5"></line></g></svg> ',
                        escape(environment.finalize(environment.getattr(l_2_s, 'label'))),
                        '</li>\n',
                    ))
                l_2_s = missing
                t_13.append(
                    '</ul>\n',
                )
        if environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'rows'):
            pass
            t_13.append(
                '<table class="data">\n<thead>\n<tr>\n<td></td>\n',
            )
            for l_2_s in environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'series'):
                _loop_vars = {}
                pass
                t_13.extend((
                    '<th scope="col" class="bounds">',
                    escape(environment.finalize(environment.getattr(l_2_s, 'label'))),
                    '</th>\n',
                ))
            l_2_s = missing
            t_13.append(
                '</tr>\n</thead>\n<tbody>\n',
            )
            for l_2_row in environment.getattr((undefined(name='c') if l_1_c is missing else l_1_c), 'rows'):
                _loop_vars = {}
                pass
                t_13.extend((
                    '<tr><th scope="row" class="number">',
                    escape(environment.finalize(environment.getitem(l_2_row, 0))),
                    '</th>',
                ))
                for l_3_cell in l_2_row[1:]:
                    _loop_vars = {}
                    pass
                    t_13.extend((
                        '<td class="bounds">',
                        escape(environment.finalize(l_3_cell)),
                        '</td>',
                    ))
                l_3_cell = missing
                t_13.append(
                    '</tr>\n',
                )
            l_2_row = missing
            t_13.append(
                '</tbody>\n</table>\n',
            )
        if environment.getattr(environment.getattr(l_1_item, 'block'), 'legend'):
            pass
            t_13.extend((
                '<p class="legend">',
                escape(environment.finalize(environment.getattr(environment.getattr(l_1_item, 'block'), 'legend'))),
                '</p>\n',
            ))
        t_13.append(
            '</figure>',
        )
        return concat(t_13)
    context.exported_vars.add('line_chart')
    context.vars['line_chart'] = l_0_line_chart = Macro(environment, macro, 'line_chart', ('item',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_item):
        t_14 = []
        if l_1_item is missing:
            l_1_item = undefined("parameter 'item' was not provided", name='item')
        pass
        if (environment.getattr(l_1_item, 'kind') == 'heading'):
            pass
            t_14.extend((
                escape(environment.finalize(context.call((undefined(name='heading') if l_0_heading is missing else l_0_heading), l_1_item))),
                '\n',
            ))
        elif (environment.getattr(l_1_item, 'kind') == 'paragraph'):
            pass
            t_14.extend((
                escape(environment.finalize(context.call((undefined(name='paragraph') if l_0_paragraph is missing else l_0_paragraph), l_1_item))),
                '\n',
            ))
        elif (environment.getattr(l_1_item, 'kind') == 'note'):
            pass
            t_14.extend((
                escape(environment.finalize(context.call((undefined(name='note') if l_0_note is missing else l_0_note), l_1_item))),
                '\n',
            ))
        elif (environment.getattr(l_1_item, 'kind') == 'bullets'):
            pass
            t_14.extend((
                escape(environment.finalize(context.call((undefined(name='bullets') if l_0_bullets is missing else l_0_bullets), l_1_item))),
                '\n',
            ))
        elif (environment.getattr(l_1_item, 'kind') == 'table'):
            pass
            t_14.extend((
                escape(environment.finalize(context.call((undefined(name='table') if l_0_table is missing else l_0_table), l_1_item))),
                '\n',
            ))
        elif (environment.getattr(l_1_item, 'kind') == 'facts'):
            pass
            t_14.extend((
                escape(environment.finalize(context.call((undefined(name='facts') if l_0_facts is missing else l_0_facts), l_1_item))),
                '\n',
            ))
        elif (environment.getattr(l_1_item, 'kind') == 'chart'):
            pass
            t_14.extend((
                escape(environment.finalize(context.call((undefined(name='chart') if l_0_chart is missing else l_0_chart), l_1_item))),
                '\n',
            ))
        elif (environment.getattr(l_1_item, 'kind') == 'line_chart'):
            pass
            t_14.extend((
                escape(environment.finalize(context.call((undefined(name='line_chart') if l_0_line_chart is missing else l_0_line_chart), l_1_item))),
                '\n',
            ))
        return concat(t_14)
    context.exported_vars.add('block')
    context.vars['block'] = l_0_block = Macro(environment, macro, 'block', ('item',), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '6=36&7=43&8=48&9=50&10=54&11=59&12=63&13=66&14=70&15=73&16=77&17=82&18=86&20=94&25=101&26=108&29=128&30=136&33=152&34=159&37=166&38=174&39=184&40=189&45=200&46=208&48=216&49=221&53=234&54=239&59=249&61=256&62=260&63=262&64=266&66=275&76=294&78=302&79=308&80=330&81=334&88=350&89=356&90=359&91=362&92=366&94=371&95=381&96=386&97=391&98=399&100=408&101=414&102=421&103=425&104=430&106=440&107=449&108=454&110=466&111=470&112=478&113=486&115=495&116=499&118=510&124=521&125=526&129=537&130=541&135=551&136=557&137=560&138=563&139=567&141=570&142=574&143=584&144=589&145=594&146=602&148=610&149=615&151=625&152=634&153=639&154=641&155=644&156=649&158=653&159=658&161=662&162=668&167=688&169=693&170=698&175=707&180=712&181=717&186=724&187=729&192=748&193=752&198=762&199=767&200=773&201=779&202=785&203=791&204=797&205=803&206=809'