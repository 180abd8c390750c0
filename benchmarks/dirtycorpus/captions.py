"""Photo captions per body language: who or what, where, when, and sometimes a credit.

The captions are written for news photos in general, not for one article, the way re-hosted pages keep a
stock photo's caption. About a third carry no credit, so a cleaner cannot recognise a caption by its credit.
The dev and holdout splits use alternate subjects.
"""

from __future__ import annotations

import random

SUBJECTS = {
    "en": ["Residents walk past a damaged building in the city centre on Tuesday",
           "Firefighters work to contain the blaze near the highway on Sunday evening",
           "The minister speaks to reporters after the cabinet meeting in the capital",
           "Visitors queue outside the museum on the first day of the exhibition",
           "A worker inspects solar panels at a plant outside the town",
           "Supporters gather in the main square ahead of the vote",
           "Fishing boats are moored in the harbour as the storm approaches",
           "Students take part in a science class at a primary school",
           "The new bridge over the river, seen from the northern bank",
           "Commuters wait for a delayed train at the central station"],
    "de": ["Anwohner gehen am Dienstag an einem beschädigten Gebäude in der Innenstadt vorbei",
           "Feuerwehrleute kämpfen am Sonntagabend gegen die Flammen an der Autobahn",
           "Der Minister spricht nach der Kabinettssitzung mit Journalisten",
           "Besucher warten vor dem Museum auf die Eröffnung der Ausstellung",
           "Ein Techniker prüft Solarmodule in einem Park am Stadtrand",
           "Anhänger versammeln sich vor der Abstimmung auf dem Marktplatz",
           "Fischerboote liegen vor dem Sturm im Hafen",
           "Schülerinnen und Schüler beim Unterricht in einer Grundschule"],
    "fr": ["Des habitants passent devant un immeuble endommagé, mardi, dans le centre-ville",
           "Des pompiers tentent de maîtriser l'incendie près de l'autoroute dimanche soir",
           "Le ministre s'adresse à la presse à l'issue du conseil des ministres",
           "Des visiteurs font la queue devant le musée le jour de l'ouverture",
           "Un technicien contrôle des panneaux solaires dans une centrale",
           "Des partisans se rassemblent sur la place principale avant le vote",
           "Des bateaux de pêche amarrés dans le port à l'approche de la tempête",
           "Des élèves pendant un cours de sciences dans une école primaire"],
    "es": ["Vecinos pasan junto a un edificio dañado en el centro de la ciudad el martes",
           "Los bomberos trabajan para controlar el incendio cerca de la autopista",
           "El ministro atiende a la prensa tras la reunión del Consejo de Ministros",
           "Visitantes hacen cola ante el museo el primer día de la exposición",
           "Un operario revisa paneles solares en una planta a las afueras",
           "Simpatizantes se concentran en la plaza mayor antes de la votación",
           "Barcos pesqueros amarrados en el puerto ante la llegada del temporal",
           "Alumnos durante una clase de ciencias en un colegio público"],
    "pt": ["Moradores passam por um prédio danificado no centro da cidade nesta terça-feira",
           "Bombeiros tentam controlar o incêndio perto da rodovia no domingo",
           "O ministro fala com jornalistas após a reunião ministerial em Brasília",
           "Visitantes fazem fila em frente ao museu no primeiro dia da exposição",
           "Técnico inspeciona painéis solares em usina no interior do estado",
           "Apoiadores se reúnem na praça central antes da votação",
           "Barcos de pesca ancorados no porto com a chegada da tempestade",
           "Alunos durante aula de ciências em escola municipal"],
    "it": ["Residenti passano davanti a un edificio danneggiato nel centro della città",
           "I vigili del fuoco al lavoro per spegnere l'incendio vicino all'autostrada",
           "Il ministro parla con i giornalisti dopo il Consiglio dei ministri",
           "Visitatori in fila davanti al museo nel giorno dell'inaugurazione",
           "Un tecnico controlla i pannelli solari in un impianto alle porte della città",
           "Sostenitori riuniti in piazza in attesa del voto",
           "Pescherecci ormeggiati nel porto all'arrivo della mareggiata",
           "Studenti durante una lezione di scienze in una scuola elementare"],
    "id": ["Warga melintas di depan bangunan yang rusak di pusat kota, Selasa",
           "Petugas pemadam kebakaran berupaya memadamkan api di dekat jalan tol",
           "Menteri memberikan keterangan kepada wartawan usai rapat kabinet",
           "Pengunjung mengantre di depan museum pada hari pertama pameran",
           "Seorang pekerja memeriksa panel surya di sebuah pembangkit",
           "Para pendukung berkumpul di alun-alun menjelang pemungutan suara",
           "Perahu nelayan ditambatkan di pelabuhan menjelang badai",
           "Siswa mengikuti pelajaran sains di sebuah sekolah dasar"],
    "cs": ["Obyvatelé procházejí kolem poškozené budovy v centru města",
           "Hasiči v neděli večer bojují s požárem u dálnice",
           "Ministr hovoří s novináři po jednání vlády",
           "Návštěvníci čekají před muzeem první den výstavy",
           "Technik kontroluje solární panely v elektrárně za městem",
           "Příznivci se shromáždili na náměstí před hlasováním",
           "Rybářské lodě kotví v přístavu před bouří",
           "Žáci při hodině přírodopisu na základní škole"],
    "ru": ["Жители проходят мимо повреждённого здания в центре города во вторник",
           "Пожарные тушат возгорание у трассы в воскресенье вечером",
           "Министр отвечает на вопросы журналистов после заседания правительства",
           "Посетители в очереди у музея в день открытия выставки",
           "Техник осматривает солнечные панели на станции под городом",
           "Сторонники собрались на главной площади накануне голосования",
           "Рыболовецкие суда в порту перед штормом",
           "Школьники на уроке естествознания"],
    "ja": ["被害を受けた建物の前を通る住民（火曜日、市中心部）",
           "高速道路近くで消火活動にあたる消防隊員",
           "閣議後に記者団の取材に応じる大臣",
           "展覧会の初日、美術館の前に並ぶ来場者",
           "郊外の発電所で太陽光パネルを点検する作業員",
           "投票を前に広場に集まった支持者",
           "台風の接近に備え港に係留された漁船",
           "小学校の理科の授業に参加する児童"],
    "zh": ["市民从市中心一栋受损建筑旁走过",
           "消防员在高速公路附近扑救火灾",
           "部长在国务会议结束后接受记者采访",
           "展览开幕首日，观众在博物馆门前排队",
           "工作人员在郊区一座电站检查太阳能电池板",
           "投票前，支持者聚集在中心广场",
           "台风来临前，渔船停泊在港口避风",
           "小学生在课堂上参加科学实验"],
    "ko": ["시민들이 도심의 파손된 건물 앞을 지나가고 있다",
           "소방대원들이 고속도로 인근 화재를 진압하고 있다",
           "장관이 국무회의를 마친 뒤 기자들의 질문에 답하고 있다",
           "전시회 첫날 관람객들이 박물관 앞에 줄을 서 있다",
           "작업자가 교외 발전소에서 태양광 패널을 점검하고 있다",
           "투표를 앞두고 지지자들이 광장에 모여 있다",
           "태풍에 대비해 어선들이 항구에 정박해 있다",
           "초등학생들이 과학 수업에 참여하고 있다"],
}

CREDITS = {
    "en": ["(AP Photo/Evan Vucci)", "Photo: Reuters", "(Photo by Mark Davis/AFP via Getty Images)",
           "Credit: Getty Images", "Photo: Supplied"],
    "de": ["Foto: dpa", "(Bild: Hersteller)", "Foto: Marcus Brandt/dpa", "© imago images"],
    "fr": ["Photo AFP", "© Reuters", "(Photo : Thomas Samson/AFP)", "Crédit photo : DR"],
    "es": ["Foto: EFE", "(EFE/Juan Carlos Hidalgo)", "Foto: Archivo", "© Europa Press"],
    "pt": ["Foto: Agência Brasil", "(Foto: Reprodução)", "Foto: Marcelo Camargo/Agência Brasil", "Crédito: Divulgação"],
    "it": ["Foto: ANSA", "(foto Ansa)", "Foto di repertorio", "© LaPresse"],
    "id": ["Foto: Antara", "(ANTARA FOTO/Budi Candra)", "Foto: Dok. Istimewa", "(Foto: Kompas)"],
    "cs": ["Foto: ČTK", "(Foto: Profimedia)", "Foto: Michal Kamaryt, ČTK", "Ilustrační foto"],
    "ru": ["Фото: ТАСС", "© РИА Новости", "Фото: Reuters", "Фото из открытых источников"],
    "ja": ["写真：共同通信", "（撮影：佐藤花子）", "画像提供：PIXTA", "（ロイター）"],
    "zh": ["图片来源：网络", "新华社记者 张伟 摄", "（图片来源：视觉中国）", "图/东方IC"],
    "ko": ["사진=연합뉴스", "[사진 출처=게티이미지]", "(사진=뉴시스)", "사진 제공=독자"],
}
_CLOSE = {"ja": "", "zh": "", "ko": "."}


def captions_for(lang: str, split: str, rng: random.Random, count: int) -> list[str]:
    """`count` distinct captions in `lang`, some with a credit, some without."""
    subjects = SUBJECTS.get(lang, SUBJECTS["en"])
    if split in ("dev", "holdout"):
        subjects = subjects[0::2] if split == "dev" else subjects[1::2]
    chosen = rng.sample(subjects, min(count, len(subjects)))
    out = []
    for subject in chosen:
        text = subject + _CLOSE.get(lang, ".")
        if rng.random() > 0.35:  # the rest carry no credit at all
            text += " " + rng.choice(CREDITS.get(lang, CREDITS["en"]))
        out.append(text)
    return out
