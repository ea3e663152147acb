#!/usr/bin/perl
# Writes the small MaxMind databases the geo-IP enricher's tests read, with Debian's
# libmaxmind-db-writer-perl: a GeoLite2-City and a GeoLite2-ASN database of a few documentation
# networks (RFC 5737, RFC 3849), so that no downloaded database is needed or committed.
#
# Usage: write-test-databases.pl OUTPUT_DIRECTORY [CITY_OF_198.51.100.0/24]
# The optional second argument renames that network's city, so a test can write a changed database.
use strict;
use warnings;
use utf8;
use Encode qw(decode);
use MaxMind::DB::Writer::Tree;

my ($dir, $city) = @ARGV;
die "usage: $0 OUTPUT_DIRECTORY [CITY]\n" unless defined $dir;
# arguments arrive as UTF-8 bytes
$city = defined $city ? decode('UTF-8', $city) : 'São Paulo';

my %types = (
    city                           => 'map',
    continent                      => 'map',
    country                        => 'map',
    registered_country             => 'map',
    names                          => 'map',
    en                             => 'utf8_string',
    code                           => 'utf8_string',
    iso_code                       => 'utf8_string',
    geoname_id                     => 'uint32',
    autonomous_system_number       => 'uint32',
    autonomous_system_organization => 'utf8_string',
);

sub tree {
    my ($type) = @_;
    return MaxMind::DB::Writer::Tree->new(
        ip_version               => 6,
        record_size              => 28,
        database_type            => $type,
        languages                => ['en'],
        description              => { en => "Herald test $type database" },
        # the documentation networks below are reserved: keep them
        remove_reserved_networks => 0,
        map_key_type_callback    => sub { $types{ $_[0] } },
    );
}

sub place {
    my ($iso, $country, $continent, $town) = @_;
    my %record = (
        continent => { code => $continent, names => { en => $continent eq 'EU' ? 'Europe' : 'South America' } },
        country   => { iso_code => $iso, names => { en => $country } },
    );
    $record{city} = { names => { en => $town } } if defined $town;
    return \%record;
}

my $cities = tree('GeoLite2-City');
$cities->insert_network('192.0.2.0/24', place('DE', 'Germany', 'EU', 'Berlin'));
$cities->insert_network('198.51.100.0/24', place('BR', 'Brazil', 'SA', $city));
# a country without a city, as GeoLite2 has for many networks
$cities->insert_network('203.0.113.0/25', place('FR', 'France', 'EU', undef));
$cities->insert_network('2001:db8::/32', place('DE', 'Germany', 'EU', 'Frankfurt am Main'));

my $asns = tree('GeoLite2-ASN');
$asns->insert_network('192.0.2.0/24', { autonomous_system_number => 64496, autonomous_system_organization => 'Example Carrier DE' });
$asns->insert_network('198.51.100.0/24', { autonomous_system_number => 64511, autonomous_system_organization => 'Example Hosting BR' });

for ([$cities, 'GeoLite2-City.mmdb'], [$asns, 'GeoLite2-ASN.mmdb']) {
    my ($tree, $name) = @$_;
    # written beside, then renamed: a reader never sees half a file, as with MaxMind's own updates
    open my $fh, '>:raw', "$dir/$name.tmp" or die "cannot write $dir/$name.tmp: $!\n";
    $tree->write_tree($fh);
    close $fh or die "cannot write $dir/$name.tmp: $!\n";
    rename "$dir/$name.tmp", "$dir/$name" or die "cannot rename $dir/$name.tmp: $!\n";
}
