"""Working with the author's own ``git`` command: status per post, commit, fetch/pull/push,
the merge drivers and their setup (no Qt here).

Everything runs the ``git`` the author has on PATH (their credentials, keys, hooks and signing
keep working) and reads its porcelain output; nothing here reimplements git. Expected failures
are results with a message, never exceptions.

The window's entry point is :class:`blogeditor.core.git.repo.GitRepo`:

- ``GitRepo.find(site)`` -> ``GitRepo | None`` (None: not in a work tree, or no git);
- ``status()`` -> ``WorkTreeStatus`` (``branch``: head, upstream, ahead, behind; ``files``);
- ``post_states()`` -> ``PostStates`` (``posts``: teaser link -> ``PostState``);
- ``changed_files()``, ``commit(paths, message)``, ``suggest_commit_message(paths)``;
- ``fetch()``, ``pull()``, ``push(set_upstream=...)`` -> ``RemoteResult`` (``kind``: a
  ``RemoteKind``); ``merge_in_progress()``, ``abort_merge()``, ``finish_merge()``;
- ``setup_state()`` -> ``SetupState`` (``done``), ``set_up()`` -> ``SetupResult``.

The drivers (``merge_homepage``, ``merge_article``) work on bytes; ``blogeditor.cli`` wraps
them as the commands git calls.
"""
