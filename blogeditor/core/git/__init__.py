"""Working with the author's own ``git`` command: status per post, commit, fetch/pull/push,
the merge drivers and their setup (no Qt here).

Everything runs the ``git`` the author has on PATH (their credentials, keys, hooks and signing
keep working) and reads its porcelain output; nothing here reimplements git. The window's entry
point is :class:`blogeditor.core.git.repo.GitRepo`.
"""
