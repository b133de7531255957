"""Small Swedish answers written for these tests, with the theme each was written for."""

from samrad.synthesis import Record

THEMES = {
    "läsning": [
        "Biblioteken behöver mer resurser för att främja läsning bland barn och unga.",
        "Läsfrämjande insatser för barn på biblioteken i hela länet är viktigt.",
        "Barns läsning minskar, biblioteken måste nå fler unga läsare.",
        "Fler bokcirklar och läsfrämjande aktiviteter för unga på biblioteket.",
        "Skolbiblioteken behöver bemannas så att eleverna läser mer böcker.",
        "Satsa på läsning för barn, till exempel genom bokstart och sagostunder på biblioteket.",
        "Unga läser allt mindre och biblioteken behöver resurser för läsfrämjande arbete.",
        "Biblioteket är viktigt för barns läsning och språkutveckling.",
        "Vi vill ha fler författarbesök och läsecirklar för barn på biblioteken.",
        "Läsningen bland unga måste stärkas, biblioteken har en nyckelroll.",
    ],
    "lokaler": [
        "Det saknas lokaler och scener för dans och teater i mindre kommuner.",
        "Teaterlokalerna är för dyra att hyra för fria grupper.",
        "Vi behöver en mindre scen för teater med plats för 150 personer.",
        "Det finns för få repetitionslokaler för dansare och musiker.",
        "Scenerna i länet är slitna och lokalerna behöver rustas upp.",
        "Fria teatergrupper har svårt att hitta lokaler att repetera och spela i.",
        "Kulturhusets scen fungerar inte för dansföreställningar, golvet är för hårt.",
        "Fler ateljéer och lokaler för konstnärer behövs i hela länet.",
        "Lokalhyrorna för scenkonst är för höga, det stoppar många föreställningar.",
        "Vi behöver tillgängliga lokaler och scener för kultur på landsbygden.",
    ],
    "ekonomi": [
        "Konstnärer kan inte leva på sin konst, ersättningarna är för låga.",
        "Följ MU-avtalet och betala konstnärer för deras arbete.",
        "Professionella musiker behöver bättre ekonomiska villkor och trygghetssystem.",
        "Det är svårt att försörja sig som danskonstnär, arvodena räcker inte.",
        "Inget obetalt arbete för kulturskapare, höj ersättningarna.",
        "Verksamhetsbidragen har urholkats och behöver höjas för att täcka kostnaderna.",
        "Frilansande skådespelare behöver bättre ekonomiska förutsättningar och fler uppdrag.",
        "Kulturskapare får för lite betalt och många lämnar yrket.",
        "Höj stipendierna och projektbidragen till professionella konstnärer.",
        "Ekonomin för fria kulturutövare är ohållbar, arvoden måste höjas.",
    ],
    "samverkan": [
        "Samverkan mellan kommunerna och regionen behöver stärkas inom kulturområdet.",
        "Kulturarvssektorn behöver samverka mer med civilsamhället och föreningarna.",
        "Bygg nätverk mellan arrangörer så att de kan samordna sina program.",
        "Samverkansmodellen ska gynna hela länet, inte bara centralorten.",
        "Mer samarbete mellan skolor, kulturskolor och studieförbund.",
        "Samordning mellan kulturaktörer i länet saknas, ett nätverk skulle hjälpa.",
        "Regionen och kommunerna borde samverka om turnéer till alla kommuner.",
        "Samverkan med andra sektorer som vård och skola behöver utvecklas.",
        "Ett regionalt nätverk för museer och hembygdsföreningar behövs.",
        "Samarbetet mellan institutionerna och det fria kulturlivet måste förbättras.",
    ],
}


def records(area: str = "Kultur", question: str = "Utmaningar") -> list[Record]:
    out = []
    n = 0
    for _theme, texts in THEMES.items():
        for t in texts:
            n += 1
            out.append(Record(id=f"r{n}", text=t, area=area, question=question, author=f"p{n}"))
    return out


def gold() -> dict[str, str]:
    out = {}
    n = 0
    for theme, texts in THEMES.items():
        for _ in texts:
            n += 1
            out[f"r{n}"] = theme
    return out
