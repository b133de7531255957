"""Compact stop-word lists (function words and survey filler) per language, as lemmas and forms."""

from __future__ import annotations

_SV = """
à alla allt alltid alltså andra annan annat att av bara behöva bli blir blev bör både de dem den denna
deras dess det detta dig din dina ditt du där därför eftersom efter eller en ens er era ert ett fast
finnas finns fler flera från få får för före genom ha hade har hela helt hennes hans hon honom hur här
i icke ifall igen in inom inte jag ju kan kanske komma kommer kunde kunna man med mellan men mer mest
mig min mina mitt mot mycket många måste ned ni nu när någon något några och också om oss ovan på
redan riktigt samma sedan sig sin sina sitt själv ska skall skulle som så sådan sådana till tror tycka
tycker under upp ut utan vad var vara varför vars vem vi vid vilka vilken vilket vill vore väl än ännu
är även åt över göra gör gjort gjorde bra bättre mera dock dels där också sätt ju iaf osv exempelvis
t.ex tex bl.a ex typ liksom ganska lite lika också viktig viktigt viktiga behov behövs behöver
borde bör böra snart gärna verkligen faktiskt nog väldigt jätte sak saker
"""
_EN = """
a about above after again all also am an and any are as at be because been being both but by can could
did do does doing down during each few for from further had has have having he her here hers him his how
i if in into is it its itself just me more most my no nor not now of off on once only or other our ours
out over own same she should so some such than that the their them then there these they this those
through to too under until up very was we were what when where which while who whom why will with would
you your yours need needs think lot lots really get make
"""
_DE = """
aber alle allem allen aller alles als also am an ander andere anderen auch auf aus bei beim bin bis bitte
bzw da damit dann das dass dem den denen der des dessen die dies diese diesem diesen dieser dieses doch
dort du durch ein eine einem einen einer eines er es etwas euch für gegen hat hatte haben hier ich ihr
ihre im in ins ist ja jede jeder jedes jetzt kann kein keine keinen können könnte man mehr mit muss müssen
nach nicht noch nur ob oder ohne sehr sein sich sie sind so soll sollen sollte sollten sowie über um und
uns unser unter vom von vor war wäre was weil wenn werden wer wie wir wird wo würde zu zum zur z.b zb
sein werden haben geben gibt viel viele durch immer ganz schon
"""
_FR = """
à au aux avec ce ces cette dans de des du elle en et eux il ils je la le les leur lui ma mais me même mes
moi mon ne nos notre nous on ou par pas pour plus qu que qui sa se ses son sur ta te tes toi ton tu un une
vos votre vous y est sont être avoir fait faire il y a très aussi
"""
_FI = """
ja on ei se että kuin mutta tai myös ne he hän me te minä sinä olla oli ovat ole jos niin kun mitä joka
mikä tämä tuo nyt vain jo sekä siis vielä enemmän paljon pitää pitäisi voisi voi
"""

STOPWORDS: dict[str, frozenset[str]] = {
    code: frozenset(text.split()) for code, text in {"sv": _SV, "en": _EN, "de": _DE, "fr": _FR, "fi": _FI}.items()
}


def stopwords(lang: str) -> frozenset[str]:
    return STOPWORDS.get(lang, frozenset())
