"""From codes to findings: the Framework Method's steps after coding, as pure functions.

* ``charting``: a draft summary of one case x theme cell from its coded passages
  (the most central sentences, redundancy removed, each with its reference).
* ``emergent``: clusters of the segments no theme fits, labelled by their distinctive
  words and most central quotes: themes nobody planned.
* ``saturation``: new themes per interview, cumulative, per respondent group.
* ``groups``: themes x respondent groups, the share of each group's cases with the theme.

Every function takes values (passages, vectors, code sets) and returns dataclasses;
none opens the store. The service (``coding.service.synthesis``) feeds them.
"""
