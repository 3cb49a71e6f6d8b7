<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>وال | معرض الصور</title>
<meta property="og:site_name" content="وكالة الأنباء الليبية">
<meta property="og:type" content="website">
<meta property="og:title" content="معرض الصور">
<link rel="stylesheet" href="/assets/css/bootstrap.min.css">
<link rel="stylesheet" href="/assets/css/bootstrap-rtl.min.css">
<link rel="stylesheet" href="/assets/css/lightbox.min.css">
<link rel="stylesheet" href="/assets/css/style.css?v=3.2">
<script src="/assets/js/jquery-1.12.4.min.js"></script>
</head>
<body class="ar gallery-page">
<header class="site-header">
  <div class="container"><div class="logo"><a href="/?lang=ar"><img src="/assets/img/logo-ar.png" alt="وال"></a></div></div>
  <nav class="navbar navbar-default main-nav"><div class="container"><ul class="nav navbar-nav">
    <li><a href="/?lang=ar">الرئيسية</a></li>
    <li><a href="/category.php?id=1&amp;lang=ar">أخبار محلية</a></li>
    <li><a href="/category.php?id=2&amp;lang=ar">الأخبار السياسية</a></li>
    <li><a href="/category.php?id=3&amp;lang=ar">الأخبار الاقتصادية</a></li>
    <li class="active"><a href="/gallery.php?lang=ar">معرض الصور</a></li>
  </ul></div></nav>
</header>
<div class="container main-container">
  <ol class="breadcrumb"><li><a href="/?lang=ar">وال</a></li><li class="active">معرض الصور</li></ol>
  <div class="row gallery-grid">
    <div class="col-sm-4 gallery-item"><a href="/upload/gallery/2026/11/pc-meeting-1.jpg" data-lightbox="album-1182" data-title="جانب من اجتماع المجلس الرئاسي"><img src="/upload/gallery/2026/11/thumb-pc-meeting-1.jpg" class="img-responsive" alt=""></a><p>جانب من اجتماع المجلس الرئاسي</p></div>
    <div class="col-sm-4 gallery-item"><a href="/upload/gallery/2026/11/sabha-hospital-2.jpg" data-lightbox="album-1181" data-title="مستشفى الأطفال في سبها"><img src="/upload/gallery/2026/11/thumb-sabha-hospital-2.jpg" class="img-responsive" alt=""></a><p>مستشفى الأطفال في سبها</p></div>
    <div class="col-sm-4 gallery-item"><a href="/upload/gallery/2026/11/misrata-roads-3.jpg" data-lightbox="album-1179" data-title="أعمال صيانة الطرق في مصراتة"><img src="/upload/gallery/2026/11/thumb-misrata-roads-3.jpg" class="img-responsive" alt=""></a><p>أعمال صيانة الطرق في مصراتة</p></div>
    <div class="col-sm-4 gallery-item"><a href="/upload/gallery/2026/11/brega-port-1.jpg" data-lightbox="album-1176" data-title="ناقلة غاز في ميناء البريقة"><img src="/upload/gallery/2026/11/thumb-brega-port-1.jpg" class="img-responsive" alt=""></a><p>ناقلة غاز في ميناء البريقة</p></div>
  </div>
  <ul class="pagination"><li class="active"><span>1</span></li><li><a href="/gallery.php?lang=ar&amp;page=2">2</a></li></ul>
</div>
<footer class="site-footer"><div class="container"><p class="copyright">جميع الحقوق محفوظة &copy; 2026 وكالة الأنباء الليبية</p></div></footer>
<script src="/assets/js/bootstrap.min.js"></script>
<script src="/assets/js/lightbox.min.js"></script>
</body>
</html>
