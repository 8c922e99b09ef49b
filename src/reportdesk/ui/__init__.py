"""The desktop application (PySide6): the only package that imports Qt.

Where things are. ``tests/test_ui_rooms.py`` fails on an import circle inside ``ui/`` (counting
imports under TYPE_CHECKING and inside functions), on a module over 400 lines, and on Qt imported
by a module marked "no Qt" below::

    app.py              start: QApplication in Chinese, the store, ``build()`` wires window + controller
    screenshots.py      ``reportdesk --screenshots DIR``: one PNG per page
    selftest.py         the window part of ``reportdesk --selftest``
    theme.py            colours, fonts, the small drawn icons (used everywhere, imports nothing of ui)

    control/            what the officer's actions mean — no Qt here (a test checks it)
        controller.py   Controller(view, store, form, settings): every action the window reports
        session.py      the open report: edits, undo/redo, derived totals, findings, section states
        saving.py       the session's Saver on the store (a database file)
        shared.py       the Saver on a shared database: the conflict rule, the local journal offline
        sharing.py      connecting to a shared database, conflicts put to the officer, resending (mixed in)
        database.py     backup, restore, the bin (mixed into the controller)
        generation.py   writing the .docx / sign-off sheet / PDF (run by the generate dialog's thread)
        history_words.py  the history in words; a run of keystrokes as one step
        start.py        the start page's actions: bodies, reports and their states, import
        targets.py      before replacing a file: which exist, which look open in Word/WPS
        publishing.py   writing the web page (生成网页)
        importing.py    importing a published report (a file, the clipboard); the figures still to check

    window/             the main window's frame
        main_window.py  MainWindow: the controller's view (shows what it is told, never reads the db)
        import_view.py  importing's side of the window (attached by wiring): the 导入 dialog, figures to check
        page_switching.py  which page is shown, the step bar, where the focus goes (F6)
        page_stack.py   the section pages, each made when first shown, loaded with the report
        sizing.py       first size, saved geometry, sharing the width, compact form, after first paint
        actions.py      menus, tool bar, shortcuts, and the small dialogs they open
        wiring.py       each widget's signal → one controller call
        side_list.py    the sections 一 … 六 with their states
        side_states.py  how a section's state is drawn (made with the first report)
        findings_panel.py  检查结果: findings by section, a reason per warning, 已失效 reasons kept
        findings_text.py   how findings and kept reasons are worded (no widgets)
        findings_dock.py   the panel as a dock: shown when wanted and there is room, else folded
        banner.py       the report and the days left to the legal deadline
        link_banner.py  a shared database out of reach: edits kept here, sent when it is back
        app_events.py   one filter for every widget: dialogs fit the screen and get the keys; Ctrl+Y
        fit.py          windows never larger than the screen, never partly off it
        tasks.py        background jobs (backup, restore) off the window's thread

    pages/              the pages of the stack
        start.py        bodies, their reports, recent reports, import
        narrative.py    a text section: one editor per part, last year's text beside it
        table.py        a table section (二, 三, 四): legend, notices, the table widget

    table/              the table widget (no page around it)
        grid.py         each table's printed layout from the form (no Qt)
        model.py        the one QAbstractTableModel for every table
        view.py         TableView: spreadsheet keys, frozen header rows
        delegate.py     the cell editor: values saved as typed, refusals shown in place
        sizes.py        column widths and row heights from the width available
        moves.py        where Tab, Enter, arrows, Home/End lead, as in Excel and WPS (no Qt)
        paste.py        a block pasted from Excel/WPS, all or nothing (no Qt)

    dialogs/            dialogs opened from the window
        generate.py     生成 Word      history.py  修改历史      bin.py  回收站
        publish.py      生成网页 (asks before replacing a file)
        outcome.py      what those two share: status line, 打开/生成/关闭 row, the outcome said
        body.py         a body's details (新建机关)     new_report.py  新建年度报告
        questions.py    the window's yes/no question box
        connect.py      连接共享数据库, moving the desk's reports in
        conflict.py     keep theirs or write mine (someone else changed it; keys typed into it held)
        import_report.py  导入: what was read from a file or the clipboard, choices, before saving

    aggregate/          the 汇总 page
        page.py, choices.py, model.py   the page, its choices, its table
        survey.py       reading and summing every body's report (no Qt; runs in a worker thread)
        actions.py      what the page's actions mean (mixed into the controller; no Qt)
        expected_dialog.py  应报机关名单
"""
