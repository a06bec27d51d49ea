Feature: Sites
  An admin adds the websites Lookout tracks; each site gets a key and a snippet to paste into its pages.

  Background:
    Given I am signed in as the first-run admin, in a workspace of my own

  Scenario: An admin adds a site and gets its tracking snippet
    When I add a site "Shop" for origins "https://shop.example.com" in time zone "Europe/Paris"
    Then the site "Shop" is listed with time zone "Europe/Paris"
    And the snippet of "Shop" loads lookout.js with its site key

  Scenario Outline: A site with a bad setting is refused, naming the field
    When I add a site "<name>" for origins "<origins>" in time zone "<time zone>"
    Then the request is refused because of "<field>"
    And the workspace has no sites

    Examples:
      | case                       | name | origins                                  | time zone             | field             |
      | unknown time zone          | Bad  | https://bad.example.com                  | Mars/Olympus          | timeZone          |
      | Windows time zone id       | Bad  | https://bad.example.com                  | Romance Standard Time | timeZone          |
      | no time zone               | Bad  | https://bad.example.com                  |                       | timeZone          |
      | blank name                 |      | https://bad.example.com                  | Europe/Paris          | name              |
      | origin with a path         | Bad  | https://bad.example.com/shop             | Europe/Paris          | allowedOrigins[0] |
      | second origin not on http  | Bad  | https://bad.example.com;ftp://bad.example.com | Europe/Paris     | allowedOrigins[1] |

  Scenario Outline: Origins are kept as browsers send them in the Origin header
    When I add a site "Shop" for origins "<typed>" in time zone "Europe/Paris"
    Then the site "Shop" allows the origins "<kept>"

    Examples:
      | typed                                              | kept                                           |
      | HTTPS://Shop.Example.com/                          | https://shop.example.com                       |
      | https://shop.example.com:443                       | https://shop.example.com                       |
      | http://localhost:8080                              | http://localhost:8080                          |
      | https://shop.example.com;https://SHOP.example.com  | https://shop.example.com                       |
      | https://shop.example.com;https://www.example.com   | https://shop.example.com;https://www.example.com |

  Scenario: Each site gets a key of its own and the list is sorted by name
    When I add these sites:
      | Name | Origins                                       | Time zone        | Anonymize IP |
      | Shop | https://shop.example.com                      | Europe/Paris     | false        |
      | Blog | https://blog.example.com;https://example.com  | America/New_York | true         |
    Then the sites listed are:
      | Name | Origins                                       | Time zone        | Anonymize IP |
      | Blog | https://blog.example.com;https://example.com  | America/New_York | true         |
      | Shop | https://shop.example.com                      | Europe/Paris     | false        |
    And every site listed has a site key of its own

  Scenario: Changing a site's time zone keeps its key and the settings left out
    Given a site was added with:
      | Field        | Value                    |
      | Name         | Shop                     |
      | Origins      | https://shop.example.com |
      | Time zone    | Europe/Paris             |
      | Anonymize IP | true                     |
    When I change the time zone of "Shop" to "Asia/Tokyo"
    Then the site "Shop" keeps its site key
    And the sites listed are:
      | Name | Origins                  | Time zone  | Anonymize IP |
      | Shop | https://shop.example.com | Asia/Tokyo | true         |
