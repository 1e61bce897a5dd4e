<?php
/**
 * Installs WordPress into an empty database and creates an application
 * password, without a browser: run by start.ts as
 *   LUAT_WP_ROOT=<private root> LUAT_WP_URL=http://127.0.0.1:<port> \
 *   LUAT_WP_ADMIN_PASSWORD=... php install.php
 * Prints one JSON line: {"user":…,"applicationPassword":…,"userId":…}.
 */
$root = rtrim((string) getenv('LUAT_WP_ROOT'), '/');
$url = (string) getenv('LUAT_WP_URL');
$adminPassword = (string) getenv('LUAT_WP_ADMIN_PASSWORD');
if ($root === '' || $url === '' || $adminPassword === '') {
    fwrite(STDERR, "LUAT_WP_ROOT, LUAT_WP_URL and LUAT_WP_ADMIN_PASSWORD are required\n");
    exit(2);
}
$_SERVER['HTTP_HOST'] = parse_url($url, PHP_URL_HOST) . ':' . parse_url($url, PHP_URL_PORT);
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
define('ABSPATH', $root . '/');
define('WP_INSTALLING', true);

// wp_install() mails the new site's details; there is no mail here. Defining
// the pluggable function first keeps WordPress from calling sendmail.
function wp_new_blog_notification($blog_title, $blog_url, $user_id, $password) {
}

require ABSPATH . 'wp-load.php';
require ABSPATH . 'wp-admin/includes/upgrade.php';

$result = wp_install('Cổng thông tin phổ biến pháp luật (thử nghiệm)', 'admin', 'admin@example.invalid', false, '', wp_slash($adminPassword));
if (is_wp_error($result)) {
    fwrite(STDERR, $result->get_error_message() . "\n");
    exit(1);
}
// Pretty permalinks, as real portals have them; the router sends every unknown path to index.php.
update_option('permalink_structure', '/%postname%/');
update_option('timezone_string', 'Asia/Ho_Chi_Minh');
flush_rewrite_rules(false);

$user = get_user_by('login', 'admin');
$created = WP_Application_Passwords::create_new_application_password($user->ID, array('name' => 'luat-studio'));
if (is_wp_error($created)) {
    fwrite(STDERR, $created->get_error_message() . "\n");
    exit(1);
}
echo json_encode(array('user' => 'admin', 'applicationPassword' => $created[0], 'userId' => $user->ID)), "\n";
