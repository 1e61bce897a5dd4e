<?php
/**
 * Router for PHP's built-in server (php -S) running Debian's WordPress from a
 * private folder (LUAT_WP_ROOT): that folder holds symlinks to
 * /usr/share/wordpress, its own wp-config.php and its own wp-content.
 *
 * Defining ABSPATH here, before WordPress does, makes wp-load.php read the
 * private wp-config.php instead of Debian's, which would look for
 * /etc/wordpress/config-<host>.php: no file outside the temp folder is touched.
 */
$root = rtrim((string) getenv('LUAT_WP_ROOT'), '/');
if ($root === '') {
    http_response_code(500);
    echo 'LUAT_WP_ROOT is not set';
    return true;
}
define('ABSPATH', $root . '/');

$path = rawurldecode((string) parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH));
if (strpos($path, '..') !== false) {
    http_response_code(400);
    return true;
}
$file = $root . $path;
if (is_dir($file)) {
    $file = rtrim($file, '/') . '/index.php';
}
if (is_file($file) && substr($file, -4) !== '.php') {
    return false; // uploads, scripts, styles: the built-in server sends them itself
}
if (!is_file($file)) {
    $file = $root . '/index.php'; // pretty permalinks and /wp-json/
    $script = '/index.php';
} else {
    $script = substr($file, strlen($root));
}
$_SERVER['SCRIPT_FILENAME'] = $file;
$_SERVER['SCRIPT_NAME'] = $script;
$_SERVER['PHP_SELF'] = $script;
chdir(dirname($file));
require $file;
return true;
